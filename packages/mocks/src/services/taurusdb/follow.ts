// TaurusDB: immediate upgrades in the task centre (listImmediateJobs, visible after a delay),
// delayed ones as scheduled tasks (listScheduleJobs, Pending until the maintenance window), and
// cancelScheduleTask for the ones that have not started.
import type { components } from "@dbupgrade/types/taurusdb";
import type { MockInstance, UpgradeJob } from "../../fleet-types.js";
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

type TaskDetailInfo = components["schemas"]["TaskDetailInfo"];
type ScheduleTask = components["schemas"]["ScheduleTask"];
type CancelBody = components["schemas"]["CancelScheduleTaskRequestBody"];

export const taurusJobNames = {
  immediate: "UpgradeGaussDBforMySQLDatabaseVersion",
  scheduled: "VERSION_UPGRADE",
} as const;
const windowLengthMs = 4 * 3_600_000;

/** The fleet's instances by id, read once per request (one fleet read, not one per row). */
function instancesById(input: OperationInput): Map<string, MockInstance> {
  return new Map(input.fleet.instances(input.api).map((i) => [i.id, i]));
}

function instanceStatus(instances: Map<string, MockInstance>, job: UpgradeJob): string {
  const instance = instances.get(job.instanceId);
  if (!instance) return "deleted";
  return instance.status === "frozen" || instance.status === "abnormal" ? "abnormal" : "normal";
}

function immediateRow(instances: Map<string, MockInstance>, job: UpgradeJob, now: number): TaskDetailInfo {
  return {
    instance_id: job.instanceId,
    instance_name: job.instanceName,
    instance_status: instanceStatus(instances, job),
    job_id: job.id,
    order_id: "",
    job_name: taurusJobNames.immediate,
    status: jobStatusWord[job.status],
    process:
      job.status === "running" ? percent(now, job.startsAt, job.completesAt) : job.status === "completed" ? "100%" : "",
    created_time: formatTime(job.submittedAt),
    ended_time: job.endedAt === undefined ? "" : formatTime(job.endedAt),
    fail_reason: job.failReason ?? "",
    show_detail: false,
  };
}

export function listImmediateJobs(input: OperationInput): Outcome {
  const window = timeWindow(input);
  if (isOutcome(window)) return window;
  const { status, job_name: jobName, job_id: jobId } = input.query;
  const now = input.fleet.now();
  const instances = instancesById(input);
  const rows = visibleJobs(input)
    .filter((job) => job.kind === "immediate" && job.submittedAt >= window.start && job.submittedAt <= window.end)
    .map((job) => immediateRow(instances, job, now))
    .filter(
      (row) =>
        (status ? row.status === status : true) &&
        (jobName ? row.job_name === jobName : true) &&
        (jobId ? row.job_id === jobId : true),
    )
    .reverse();
  // The SDK's "default 1" offset is not explained (a 1-based page?); the mock reads offset as an index, default 0.
  const { items, total } = page(rows, intQuery(input, "offset", 0), intQuery(input, "limit", 10));
  return {
    status: input.successStatus,
    body: { jobs: items, total_count: total, action_names: [...new Set(rows.map((r) => r.job_name!))] },
  };
}

function scheduleRow(input: OperationInput, instances: Map<string, MockInstance>, job: UpgradeJob): ScheduleTask {
  const instance = instances.get(job.instanceId);
  return {
    job_id: job.id,
    instance_id: job.instanceId,
    instance_name: job.instanceName,
    instance_status: instance ? (job.status === "running" ? "MODIFYING" : "ACTIVE") : "DELETED",
    project_id: input.params.project_id!,
    job_name: taurusJobNames.scheduled,
    create_time: formatTime(job.submittedAt),
    start_time: formatTime(job.startsAt),
    end_time: formatTime(job.startsAt + windowLengthMs),
    job_status: jobStatusWord[job.status],
    datastore_type: "gaussdb-mysql",
  };
}

export function listScheduleJobs(input: OperationInput): Outcome {
  const window = timeWindow(input, { defaultSpanMs: 30 * 86_400_000 });
  if (isOutcome(window)) return window;
  const { status, job_id: jobId, job_name: jobName, instance_id: instanceId } = input.query;
  const instances = instancesById(input);
  const rows = visibleJobs(input)
    .filter((job) => job.kind === "scheduled" && job.submittedAt >= window.start && job.submittedAt <= window.end)
    .map((job) => scheduleRow(input, instances, job))
    .filter(
      (row) =>
        (status ? row.job_status === status : true) &&
        (jobId ? row.job_id === jobId : true) &&
        (jobName ? row.job_name === jobName : true) &&
        (instanceId ? row.instance_id === instanceId : true),
    )
    .reverse();
  const { items, total } = page(rows, intQuery(input, "offset", 0), intQuery(input, "limit", 100));
  return { status: input.successStatus, body: { schedules: items, total_count: total } };
}

/** Cancels the scheduled tasks that have not started; the answer lists the ones it cancelled. */
export function cancelTaurusDbScheduleTasks(input: OperationInput): Outcome {
  const { job_ids: ids } = input.body as CancelBody;
  const cancelled = [...new Set(ids)].filter(
    (id) => input.fleet.job(input.api, id)?.kind === "scheduled" && input.fleet.cancel(input.api, id),
  );
  return { status: input.successStatus, body: { job_ids: cancelled } };
}
