// GeminiDB listJobs and DDS showJobDetail: the jobs the batch returned ids for, from the fleet.
// A job is listed once its visibility delay has passed (GeminiDB: `total_count: 0` for a while is
// documented; DDS: the job is "not found" meanwhile).
import type { components as DdsComponents } from "@dbupgrade/types/dds";
import type { components as GeminiDbComponents } from "@dbupgrade/types/geminidb";
import type { UpgradeJob } from "../fleet-types.js";
import { parameterError, type OperationInput, type Outcome } from "./outcome.js";
import { formatTime, intQuery, isOutcome, jobStatusWord, page, percent, timeWindow } from "./query.js";

type GeminiDbJob = GeminiDbComponents["schemas"]["JobDetail"];
type DdsJob = DdsComponents["schemas"]["JobDetail"];

/** The job names the mock gives upgrades: GeminiDB's (inferred, see the spec) and DDS's `ListTasks` name. */
export const upgradeJobNames = { geminidb: "UpgradeDbVersion", dds: "UpgradeDatabaseVersion" } as const;

export function visibleJobs(input: OperationInput): UpgradeJob[] {
  const now = input.fleet.now();
  return input.fleet.jobs(input.api).filter((job) => job.visibleAt <= now);
}

function geminiDbJob(job: UpgradeJob, now: number): GeminiDbJob {
  return {
    id: job.id,
    name: upgradeJobNames.geminidb,
    status: jobStatusWord[job.status],
    start_time: formatTime(job.submittedAt),
    end_time: job.endedAt === undefined ? "" : formatTime(job.endedAt),
    progress: job.status === "running" ? percent(now, job.startsAt, job.completesAt) : "",
    instance: { id: job.instanceId, name: job.instanceName },
    fail_reason: job.failReason ?? "",
  };
}

export function listGeminiDbJobs(input: OperationInput): Outcome {
  const window = timeWindow(input, { maxDays: 30 });
  if (isOutcome(window)) return window;
  const { id, status, name } = input.query;
  const now = input.fleet.now();
  const matching = visibleJobs(input)
    .filter((job) => job.submittedAt >= window.start && job.submittedAt <= window.end)
    .map((job) => geminiDbJob(job, now))
    .filter(
      (job) =>
        (id ? job.id === id : true) && (status ? job.status === status : true) && (name ? job.name === name : true),
    )
    .reverse(); // newest first
  const { items, total } = page(matching, intQuery(input, "offset", 0), intQuery(input, "limit", 50));
  return { status: input.successStatus, body: { jobs: items, total_count: total } };
}

function ddsJob(job: UpgradeJob, now: number): DdsJob {
  return {
    id: job.id,
    name: upgradeJobNames.dds,
    status: jobStatusWord[job.status],
    created: formatTime(job.submittedAt),
    ended: job.endedAt === undefined ? "" : formatTime(job.endedAt),
    progress:
      job.status === "running" ? percent(now, job.startsAt, job.completesAt) : job.status === "completed" ? "100%" : "",
    instance: { id: job.instanceId, name: job.instanceName },
    // The example shows null for a job that did not fail.
    fail_reason: job.failReason ?? null,
  };
}

export function showDdsJobDetail(input: OperationInput): Outcome {
  const id = input.query.id!;
  const job = visibleJobs(input).find((j) => j.id === id);
  // The reference documents no "job not found" answer; the mock gives the documented parameter error.
  if (!job) return parameterError(input, `query.id ${id} names no job`);
  return { status: input.successStatus, body: { job: ddsJob(job, input.fleet.now()) } };
}
