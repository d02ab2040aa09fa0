// Kernel versions the simulated fleet runs. The APIs never return versions (TaurusDB only takes
// the current one), so apart from versions the spec examples name, these strings are illustrative:
// plausible forms, not Huawei's release list. Each list is oldest first; upgrades go to the last.
import type { ApiName } from "@dbupgrade/specs";

export const geminiDbEngines = ["Cassandra", "Influx", "Redis"] as const;
export type GeminiDbEngine = (typeof geminiDbEngines)[number];

export const geminiDbVersions: Record<GeminiDbEngine, readonly string[]> = {
  Cassandra: ["3.11.3.2", "3.11.3.5", "3.11.3.7"],
  Influx: ["1.8.3.6", "1.8.3.9", "1.8.4.1"],
  Redis: ["6.2.0.12", "6.2.0.15", "6.2.1.3"],
};

export const serviceVersions: Record<Exclude<ApiName, "geminidb">, readonly string[]> = {
  dds: ["4.0.3.112", "4.0.3.131", "4.4.4.25"],
  // 2.0.48.231200 is the version of the spec's request example.
  taurusdb: ["2.0.45.230950", "2.0.46.231000", "2.0.48.231200", "2.0.51.240300", "2.0.57.240900"],
  // The spec's example targets hot patches 3.208.0.6 and 3.208.0.7.
  gaussdb: ["3.208.0.3", "3.208.0.5"],
};

export function versionsFor(api: ApiName, engine?: GeminiDbEngine): readonly string[] {
  if (api === "geminidb") return geminiDbVersions[engine ?? "Cassandra"];
  return serviceVersions[api];
}

/** The version an immediate upgrade moves an instance to. */
export function latestVersion(api: ApiName, engine?: GeminiDbEngine): string {
  const list = versionsFor(api, engine);
  return list[list.length - 1]!;
}

/**
 * openGauss hot patches the mock offers on top of the versions above (the spec's example targets
 * 3.208.0.6 and 3.208.0.7): the candidates `showBatchUpgradeCandidateVersions` lists.
 */
export const gaussDbHotfixes: readonly string[] = ["3.208.0.6", "3.208.0.7"];

/** The newest version an instance could reach: an engine's last version, or openGauss's last hot patch. */
export function newestVersion(api: ApiName, engine?: GeminiDbEngine): string {
  return api === "gaussdb" ? gaussDbHotfixes[gaussDbHotfixes.length - 1]! : latestVersion(api, engine);
}
