// The service registry: every API of the specs with its client, batch helper, planner, poller and
// settings. Code that serves any API (the CLI, the docs, the console) looks a service up here instead
// of switching on its name. Typed complete: an API of the specs without an entry does not compile.
import { ddsService } from "./dds/service.js";
import { gaussdbService } from "./gaussdb/service.js";
import { geminidbService } from "./geminidb/service.js";
import { taurusdbService } from "./taurusdb/service.js";
import type { UpgradeServices } from "./upgrade-service.js";

export const upgradeServices: UpgradeServices = {
  geminidb: geminidbService,
  taurusdb: taurusdbService,
  dds: ddsService,
  gaussdb: gaussdbService,
};
