// The parameters a sample or a contract test sends to a fresh mock: the spec's parameter examples,
// with every id the fleet cannot know (the reference's example ids) swapped for the seed page's id
// of the same kind, so that the documented call gets the documented success. The seed page comes
// from the upgrade operation's examples; job and task ids exist once that example was submitted.
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { findOperation } from "@dbupgrade/specs/validation";
import { seedPageInstances } from "./seed-page.js";

export interface SampleParameters {
  /** Path parameters other than `project_id` (the client fills that one in). */
  path: Record<string, string>;
  query: Record<string, string | number | boolean>;
}

const instanceIdShape = /in\d{2}$/;
// Job and task ids: UUIDs, with or without dashes (the reference's dash-less openGauss task ids).
const jobIdShape = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function deref(api: ApiName, node: any): any {
  let current = node;
  for (let hops = 0; current?.$ref; hops++) {
    if (hops > 20) throw new Error(`${api}: $ref loop at ${node.$ref}`);
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], apiDocuments[api]);
  }
  return current;
}

function seedIds(api: ApiName): { instances: string[]; jobs: string[] } {
  const seeds = seedPageInstances(api);
  const available = seeds.filter((s) => s.status === "available");
  return {
    instances: (available.length ? available : seeds).map((s) => s.id),
    jobs: seeds.flatMap((s) => (s.reservedJobId ? [s.reservedJobId] : [])),
  };
}

/** The value a sample sends for one parameter example: itself, unless it is an id the fresh fleet lacks. */
function sampleValue(example: unknown, seeds: { instances: string[]; jobs: string[] }): unknown {
  if (typeof example !== "string" || seeds.instances.includes(example) || seeds.jobs.includes(example)) return example;
  if (instanceIdShape.test(example) && seeds.instances[0]) return seeds.instances[0];
  if (jobIdShape.test(example) && seeds.jobs[0]) return seeds.jobs[0];
  return example;
}

/** The path and query parameters of an operation's sample call, from its spec parameter examples. */
export function sampleParameters(api: ApiName, operationId: string): SampleParameters {
  const { path, operation } = findOperation(api, operationId);
  const item = (apiDocuments[api] as any).paths[path];
  const seeds = seedIds(api);
  const out: SampleParameters = { path: {}, query: {} };
  for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p: unknown) =>
    deref(api, p),
  )) {
    if (parameter.name === "project_id" || (parameter.in !== "path" && parameter.in !== "query")) continue;
    const example = parameter.example ?? parameter.schema?.examples?.[0];
    if (example === undefined) {
      if (parameter.in === "path" || parameter.required)
        throw new Error(`${api}.${operationId}: parameter ${parameter.name} has no example`);
      continue;
    }
    const value = sampleValue(example, seeds);
    if (parameter.in === "path") out.path[parameter.name] = String(value);
    else out.query[parameter.name] = value as string | number | boolean;
  }
  return out;
}
