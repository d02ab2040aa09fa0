// Checks the rollout part of a report read from disk: a hand-edited or truncated file must not make a
// resume send an instance twice or one outside the report.
import { parseAmount } from "@dbupgrade/client";

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Undefined when usable; else why not. */
export function rolloutProblem(value: unknown, instanceIds: ReadonlySet<string>): string | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value.waves)) return "rollout.waves is not a list";
  for (const key of ["canary", "waveSize", "maxErrors"] as const) {
    if (value[key] === undefined) continue;
    try {
      parseAmount(String(value[key]), key, key === "maxErrors" ? 0 : 1);
    } catch {
      return `rollout.${key} is not N or N%`;
    }
  }
  if (value.bakeMs !== undefined && !(typeof value.bakeMs === "number" && value.bakeMs >= 0))
    return "rollout.bakeMs is not a number of ms";
  const seen = new Set<string>();
  for (const [index, wave] of (value.waves as unknown[]).entries()) {
    if (!isObject(wave) || wave.index !== index || (wave.kind !== "canary" && wave.kind !== "wave"))
      return `rollout.waves[${index}] is not wave ${index}`;
    if (!Array.isArray(wave.members) || wave.members.length === 0) return `rollout.waves[${index}].members is empty`;
    for (const id of wave.members) {
      if (typeof id !== "string" || !instanceIds.has(id))
        return `rollout.waves[${index}] names ${JSON.stringify(id)}, which is not an instance of the report`;
      if (seen.has(id)) return `rollout.waves[${index}] names ${id} again`;
      seen.add(id);
    }
  }
  return undefined;
}
