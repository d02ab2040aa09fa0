// GeminiDB instance ids end with their engine's suffix (`…in06` Cassandra, `…in12` Redis, `…in13`
// Influx). The map is a spec fact (`x-dbupgrade-engine-suffixes` on the GeminiDB InstanceId schema),
// read from the bundled document rather than retyped here.
import { apiDocuments } from "@dbupgrade/specs";
import { geminiDbEngines, type GeminiDbEngine } from "./versions.js";

let cache: Readonly<Record<GeminiDbEngine, string>> | undefined;

/** The id suffix of each GeminiDB engine, as the spec documents it. */
export function geminiDbEngineSuffixes(): Readonly<Record<GeminiDbEngine, string>> {
  if (cache) return cache;
  const schemas = (apiDocuments.geminidb as { components?: { schemas?: Record<string, Record<string, unknown>> } })
    .components?.schemas;
  const documented = schemas?.InstanceId?.["x-dbupgrade-engine-suffixes"] as Record<string, unknown> | undefined;
  const out = {} as Record<GeminiDbEngine, string>;
  for (const engine of geminiDbEngines) {
    const suffix = documented?.[engine];
    if (typeof suffix !== "string" || !/^in\d{2}$/.test(suffix)) {
      throw new Error(`the GeminiDB spec documents no inNN id suffix for ${engine} (x-dbupgrade-engine-suffixes)`);
    }
    out[engine] = suffix;
  }
  cache = Object.freeze(out);
  return cache;
}

/** The GeminiDB engine an instance id names by its suffix, if any. */
export function engineOfInstanceId(id: string): GeminiDbEngine | undefined {
  const suffixes = geminiDbEngineSuffixes();
  return geminiDbEngines.find((engine) => id.endsWith(suffixes[engine]));
}
