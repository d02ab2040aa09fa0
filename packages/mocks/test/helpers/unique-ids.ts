// A batch response example as a fleet answers it. The fleet hands out each job or task id once, so
// where an example repeats an id (openGauss shows one task id for both of its instances) the first
// row keeps it and the later rows get fresh ids; everything else is the example, exactly.
import { expect } from "vitest";

const idFields = new Set(["job_id", "task_id"]);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The example with every repeated job/task id after its first use replaced by "some UUID". */
export function exampleWithUniqueIds(example: unknown): unknown {
  const seen = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (!idFields.has(key) || typeof value !== "string") return [key, walk(value)];
        if (!seen.has(value)) {
          seen.add(value);
          return [key, value];
        }
        return [key, expect.stringMatching(uuid)];
      }),
    );
  };
  return walk(example);
}

/** Every job and task id in an answer body, in order. */
export function jobIdsIn(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(jobIdsIn);
  if (body === null || typeof body !== "object") return [];
  return Object.entries(body).flatMap(([key, value]) =>
    idFields.has(key) && typeof value === "string" ? [value] : jobIdsIn(value),
  );
}
