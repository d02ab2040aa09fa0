// Every service's profile (the facts the shared fleet and answers read), typed complete: an API of
// the specs without a profile does not compile.
import type { ApiName } from "@dbupgrade/specs";
import { ddsProfile } from "./dds/profile.js";
import { gaussdbProfile } from "./gaussdb/profile.js";
import { geminidbProfile } from "./geminidb/profile.js";
import type { GeminiDbEngine } from "./geminidb/versions.js";
import type { ServiceProfile } from "./service-profile.js";
import { taurusdbProfile } from "./taurusdb/profile.js";

export const serviceProfiles: { readonly [A in ApiName]: ServiceProfile<A> } = {
  geminidb: geminidbProfile,
  taurusdb: taurusdbProfile,
  dds: ddsProfile,
  gaussdb: gaussdbProfile,
};

export function versionsFor(api: ApiName, engine?: GeminiDbEngine): readonly string[] {
  return serviceProfiles[api].versions(engine);
}

/** The version an immediate upgrade moves an instance to. */
export function latestVersion(api: ApiName, engine?: GeminiDbEngine): string {
  const list = versionsFor(api, engine);
  return list[list.length - 1]!;
}

/** The newest version an instance could reach: an engine's last version, or openGauss's last hot patch. */
export function newestVersion(api: ApiName, engine?: GeminiDbEngine): string {
  return serviceProfiles[api].newestVersion(engine);
}
