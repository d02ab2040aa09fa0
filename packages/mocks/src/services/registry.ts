// The mock's service registry: every API of the specs with its profile and operations. Typed
// complete: an API without an entry, or an entry without an operation of its spec, does not compile.
import type { ApiName } from "@dbupgrade/specs";
import { ddsMock } from "./dds/service.js";
import { gaussdbMock } from "./gaussdb/service.js";
import { geminidbMock } from "./geminidb/service.js";
import type { MockService } from "./mock-service.js";
import { taurusdbMock } from "./taurusdb/service.js";

export const mockServices: { readonly [A in ApiName]: MockService<A> } = {
  geminidb: geminidbMock,
  taurusdb: taurusdbMock,
  dds: ddsMock,
  gaussdb: gaussdbMock,
};
