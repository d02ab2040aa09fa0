// The job and task ids a fleet hands out. The spec's upgrade response examples show fixed ids (the
// "seed page"); a fresh fleet gives each of them out once, to the first accepted upgrade of an
// instance that example names, so that sending the request example reproduces the response example.
// Every other id is drawn from the seed. No id is handed out twice in a fleet's life (until
// `reset()` starts a new one): two tasks never share an id, so a cancel names exactly one task.
// (The openGauss example shows one task id for both of its instances: the first gets it, the second
// a fresh one.) Ids are compared without dashes and case, as openGauss accepts a task id either way.
import type { ApiName } from "@dbupgrade/specs";
import type { Prng } from "./prng.js";

export interface JobIdAllocator {
  /** A new id for a job on `instanceId`: its example id if it has an unused one, else a fresh one. */
  next(api: ApiName, instanceId?: string): string;
}

/** The example id each seed-page instance's first upgrade gets, per service. */
export type ExampleJobIds = Partial<Record<ApiName, ReadonlyMap<string, string>>>;

const canonical = (id: string) => id.replace(/-/g, "").toLowerCase();

/**
 * Example ids are unique within their service (GeminiDB's and DDS's examples show the same job id,
 * and each service gives it out once); drawn ids are unique across the whole fleet and never one an
 * example reserves.
 */
export function createJobIdAllocator(draw: Prng, examples: ExampleJobIds): JobIdAllocator {
  const reserved = new Set<string>();
  for (const byInstance of Object.values(examples)) for (const id of byInstance.values()) reserved.add(canonical(id));
  const drawn = new Set<string>();
  const usedExamples = new Map<ApiName, Set<string>>();

  const fresh = (): string => {
    for (;;) {
      const id = draw.uuid();
      const key = canonical(id);
      if (reserved.has(key) || drawn.has(key)) continue;
      drawn.add(key);
      return id;
    }
  };

  return {
    next(api, instanceId) {
      const example = instanceId === undefined ? undefined : examples[api]?.get(instanceId);
      if (example !== undefined) {
        const used = usedExamples.get(api) ?? new Set<string>();
        usedExamples.set(api, used);
        const key = canonical(example);
        if (!used.has(key)) {
          used.add(key);
          return example;
        }
      }
      return fresh();
    },
  };
}
