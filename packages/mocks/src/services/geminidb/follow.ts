// GeminiDB listJobs: the jobs the batch returned ids for, from the fleet. A job is listed once its
// visibility delay has passed (`total_count: 0` for a while is documented).
import type { components as GeminiDbComponents } from "@dbupgrade/types/geminidb";
import type { UpgradeJob } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import {
  formatTime,
  intQuery,
  isOutcome,
  jobStatusWord,
  page,
  percent,
  timeWindow,
  visibleJobs,
} from "../../operations/query.js";

type GeminiDbJob = GeminiDbComponents["schemas"]["JobDetail"];

/** The job name the mock gives upgrades (inferred, see the spec). */
export const geminiDbUpgradeJobName = "UpgradeDbVersion";

function geminiDbJob(job: UpgradeJob, now: number): GeminiDbJob {
  return {
    id: job.id,
    name: geminiDbUpgradeJobName,
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
