// DDS showJobDetail: the job the batch returned an id for, from the fleet; "not found" until its
// visibility delay has passed.
import type { components } from "@dbupgrade/types/dds";
import type { UpgradeJob } from "../../fleet-types.js";
import { parameterError, type OperationInput, type Outcome } from "../../operations/outcome.js";
import { formatTime, jobStatusWord, percent, visibleJobs } from "../../operations/query.js";

type DdsJob = components["schemas"]["JobDetail"];

/** The job name the mock gives upgrades: DDS's `ListTasks` name. */
export const ddsUpgradeJobName = "UpgradeDatabaseVersion";

function ddsJob(job: UpgradeJob, now: number): DdsJob {
  return {
    id: job.id,
    name: ddsUpgradeJobName,
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
