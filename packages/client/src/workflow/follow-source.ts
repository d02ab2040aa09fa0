// What `followUpgrades` accepts: a batch report (as returned, or read back from JSON) or a follow
// report (resume). Checked field by field, because it may come from a file.
import { apiNames, type ApiName } from "@dbupgrade/meta";
import {
  endedStates,
  followStates,
  type FollowedInstance,
  type FollowReport,
  type FollowState,
} from "./follow-types.js";

/** The parts of a batch report the follower reads. */
export interface BatchReportLike {
  api: ApiName;
  startedAt?: string;
  outcomes: readonly {
    status: string;
    instanceId: string;
    submittedAt?: string;
    jobId?: string;
    taskId?: string | undefined;
    mayHaveReachedServer?: boolean;
  }[];
  delay?: boolean;
  startTime?: string;
}

export type FollowSource = BatchReportLike | FollowReport;

export interface NormalizedSource {
  api: ApiName;
  instances: FollowedInstance[];
  delay: boolean | undefined;
  notes: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === "string" && value !== "";
const isoTime = (value: unknown): value is string => text(value) && !Number.isNaN(Date.parse(value));

function fresh(instanceId: string, jobId: string | null, submittedAt: string): FollowedInstance {
  return {
    instanceId,
    state: "unknown",
    final: false,
    jobId,
    serverStatus: null,
    progress: null,
    failReason: null,
    version: null,
    submittedAt,
    firstSeenAt: null,
    lastSeenAt: null,
    settledAt: null,
    polls: 0,
    pollFailures: 0,
    lastPollError: null,
    note: null,
  };
}

function fromFollowReport(source: Record<string, unknown>, api: ApiName): NormalizedSource {
  if (!Array.isArray(source.instances)) throw new TypeError("follow report: instances must be a list");
  const seen = new Set<string>();
  const instances = source.instances.map((raw: unknown, i) => {
    if (!isObject(raw) || !text(raw.instanceId))
      throw new TypeError(`follow report: instances[${i}] has no instanceId`);
    if (!followStates.includes(raw.state as never))
      throw new TypeError(`follow report: instances[${i}].state ${JSON.stringify(raw.state)} is not a follow state`);
    if (!isoTime(raw.submittedAt))
      throw new TypeError(`follow report: instances[${i}].submittedAt must be an ISO time`);
    if (seen.has(raw.instanceId)) throw new TypeError(`follow report: instance ${raw.instanceId} is listed twice`);
    seen.add(raw.instanceId);
    const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
    const count = (value: unknown): number =>
      typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
    const instance: FollowedInstance = {
      ...fresh(raw.instanceId, text(raw.jobId) ? raw.jobId : null, raw.submittedAt),
      state: raw.state as FollowState,
      serverStatus: str(raw.serverStatus),
      progress: str(raw.progress),
      failReason: str(raw.failReason),
      version: str(raw.version),
      firstSeenAt: str(raw.firstSeenAt),
      lastSeenAt: str(raw.lastSeenAt),
      settledAt: str(raw.settledAt),
      polls: count(raw.polls),
      pollFailures: count(raw.pollFailures),
      lastPollError: str(raw.lastPollError),
      note: endedStates.has(raw.state as FollowState) ? str(raw.note) : null,
    };
    // Ended jobs stay as they are; everything else is followed again.
    instance.final = endedStates.has(instance.state);
    if (!instance.final) instance.settledAt = null;
    return instance;
  });
  return { api, instances, delay: typeof source.delay === "boolean" ? source.delay : undefined, notes: [] };
}

function fromBatchReport(source: Record<string, unknown>, api: ApiName): NormalizedSource {
  if (!Array.isArray(source.outcomes)) throw new TypeError("batch report: outcomes must be a list");
  const notes: string[] = [];
  const instances: FollowedInstance[] = [];
  const seen = new Set<string>();
  let unsure = 0;
  for (const [i, raw] of source.outcomes.entries()) {
    if (!isObject(raw) || !text(raw.instanceId) || !text(raw.status))
      throw new TypeError(`batch report: outcomes[${i}] has no instanceId or status`);
    if (raw.status !== "submitted") {
      if (raw.status === "failed" && raw.mayHaveReachedServer !== false) unsure++;
      continue;
    }
    if (seen.has(raw.instanceId)) throw new TypeError(`batch report: instance ${raw.instanceId} is listed twice`);
    seen.add(raw.instanceId);
    const submittedAt = isoTime(raw.submittedAt)
      ? raw.submittedAt
      : isoTime(source.startedAt)
        ? source.startedAt
        : undefined;
    if (submittedAt === undefined)
      throw new TypeError(`batch report: outcomes[${i}] has no submittedAt (nor the report a startedAt)`);
    const jobId = text(raw.jobId) ? raw.jobId : text(raw.taskId) ? raw.taskId : null;
    if (jobId === null && (api === "geminidb" || api === "dds"))
      throw new TypeError(`batch report: submitted ${api} instance ${raw.instanceId} has no jobId`);
    instances.push(fresh(raw.instanceId, jobId, submittedAt));
  }
  if (unsure > 0)
    notes.push(
      `${unsure} instance(s) failed in the batch and may have reached the server; they are not followed (check them before resending)`,
    );
  return { api, instances, delay: typeof source.delay === "boolean" ? source.delay : undefined, notes };
}

export function normalizeSource(source: FollowSource): NormalizedSource {
  if (!isObject(source)) throw new TypeError("followUpgrades: source must be a batch report or a follow report");
  const api = source.api;
  if (!apiNames.includes(api as ApiName))
    throw new TypeError(`followUpgrades: source.api ${JSON.stringify(api)} is not one of ${apiNames.join(", ")}`);
  return source.kind === "dbupgrade.follow"
    ? fromFollowReport(source, api as ApiName)
    : fromBatchReport(source, api as ApiName);
}
