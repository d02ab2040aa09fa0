// GeminiDB's engines and the kernel versions the simulated fleet runs per engine. The APIs never
// return versions, so these strings are illustrative: plausible forms, not Huawei's release list.
// Each list is oldest first; upgrades go to the last.
export const geminiDbEngines = ["Cassandra", "Influx", "Redis"] as const;
export type GeminiDbEngine = (typeof geminiDbEngines)[number];

export const geminiDbVersions: Record<GeminiDbEngine, readonly string[]> = {
  Cassandra: ["3.11.3.2", "3.11.3.5", "3.11.3.7"],
  Influx: ["1.8.3.6", "1.8.3.9", "1.8.4.1"],
  Redis: ["6.2.0.12", "6.2.0.15", "6.2.1.3"],
};
