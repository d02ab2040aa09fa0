// The instances the spec examples name (the "seed page" of each API), with the state and version
// the examples imply, so that sending a request example to a fresh mock gives back the response
// example exactly (same job and task ids).
import type { ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import type { InstanceStatus } from "./fleet-types.js";
import { requestExamples, responseExamples } from "./spec-examples.js";
import type { GeminiDbEngine } from "./services/geminidb/versions.js";
import { serviceProfiles } from "./services/profiles.js";

export interface SeedPageInstance {
  id: string;
  status: InstanceStatus;
  /** Set when an example names the version (TaurusDB's `current_version`). */
  version?: string;
  /** The job or task id the response example shows for this instance's first accepted upgrade. */
  reservedJobId?: string;
  /** GeminiDB only: the engine the id's suffix names (`in13`: Influx). */
  engine?: GeminiDbEngine;
}

/** The service's batch upgrade operation (the one operation of group `upgrade`). */
function onlyOperation(api: ApiName): string {
  const upgrades = Object.values(apiMeta[api].operations).filter((op) => op.group === "upgrade");
  if (upgrades.length !== 1) throw new Error(`the ${api} spec has ${upgrades.length} upgrade operations, expected 1`);
  return upgrades[0]!.operationId;
}

function requestedIds(api: ApiName): { id: string; version?: string }[] {
  const operationId = onlyOperation(api);
  const out: { id: string; version?: string }[] = [];
  for (const { value } of requestExamples(api, operationId)) {
    const body = value as {
      instance_ids?: string[];
      databases_instance_infos?: { instance_id: string; current_version: string }[];
    };
    for (const id of body.instance_ids ?? []) out.push({ id });
    for (const info of body.databases_instance_infos ?? [])
      out.push({ id: info.instance_id, version: info.current_version });
  }
  return out;
}

interface ResultLike {
  instance_id?: string;
  job_id?: string;
  task_id?: string;
  error_code?: string;
}

function successResults(api: ApiName): ResultLike[] {
  const operationId = onlyOperation(api);
  const success = apiMeta[api].operations[operationId as keyof (typeof apiMeta)[typeof api]["operations"]] as {
    successStatus: number;
  };
  return responseExamples(api, operationId)
    .filter((e) => e.status === success.successStatus)
    .flatMap((e) => {
      const v = e.value as { upgrade_results?: ResultLike[]; instance_tasks?: ResultLike[] };
      return [...(v.upgrade_results ?? []), ...(v.instance_tasks ?? [])];
    });
}

export function seedPageInstances(api: ApiName): SeedPageInstance[] {
  const results = successResults(api);
  const byId = new Map<string, SeedPageInstance>();
  for (const { id, version } of requestedIds(api)) {
    if (byId.has(id)) continue;
    const result = results.find((r) => r.instance_id === id);
    // An example that rejects an instance (DBS.200011) shows one whose status forbids upgrades.
    const status: InstanceStatus = result?.error_code ? "abnormal" : "available";
    const reservedJobId = result?.job_id ?? result?.task_id;
    const engineIds = serviceProfiles[api].engineIds;
    const engine = engineIds?.engineOf(id);
    if (engineIds && !engine) throw new Error(`the ${api} example id ${id} has no engine suffix`);
    byId.set(id, {
      id,
      status,
      ...(version ? { version } : {}),
      ...(reservedJobId ? { reservedJobId } : {}),
      ...(engine ? { engine } : {}),
    });
  }
  if (byId.size === 0) throw new Error(`the ${api} spec has no request example naming instances`);
  return [...byId.values()];
}

/**
 * The instance-id suffix of a service (`in07`, `in02`, ...), as its example ids show it; for
 * GeminiDB, the suffix of the engine (default Cassandra, `in06`).
 */
export function instanceIdSuffix(api: ApiName, engine?: GeminiDbEngine): string {
  const { engineIds, engines } = serviceProfiles[api];
  if (engineIds) return engineIds.suffixes()[engine ?? engines[0]!];
  const suffixes = new Set(seedPageInstances(api).map((i) => /in\d{2}$/.exec(i.id)?.[0]));
  const [suffix] = suffixes;
  if (suffixes.size !== 1 || !suffix) throw new Error(`the ${api} example ids do not share one inNN suffix`);
  return suffix;
}

/** Every suffix a service's instance ids may end with (GeminiDB: one per engine). */
export function instanceIdSuffixes(api: ApiName): string[] {
  const { engineIds } = serviceProfiles[api];
  return engineIds ? Object.values(engineIds.suffixes()) : [instanceIdSuffix(api)];
}
