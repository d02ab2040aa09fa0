// openGauss: the scheduled hot-patch tasks createScheduleTask made, Pending until `start_time`, and
// their cancellation. The list shows what the reference's example shows: task ids without dashes
// and the localized task name, so a client has to match on instance_id (reference §5).
import type { components } from "@dbupgrade/types/gaussdb";
import type { UpgradeJob } from "../../fleet-types.js";
import { parameterError, type OperationInput, type Outcome } from "../../operations/outcome.js";
import {
  formatTime,
  intQuery,
  isOutcome,
  jobStatusWord,
  page,
  timeWindow,
  visibleJobs,
} from "../../operations/query.js";

type ScheduleTaskDetail = components["schemas"]["ScheduleTaskDetail"];

/** The list example's task name ("upgrade instance hot patch"), whatever the request language. */
export const localizedHotfixTaskName = "升级实例热补丁";

const dashless = (id: string) => id.replace(/-/g, "");

function taskRow(job: UpgradeJob): ScheduleTaskDetail {
  return {
    task_id: dashless(job.id),
    task_name: localizedHotfixTaskName,
    status: jobStatusWord[job.status],
    create_time: formatTime(job.submittedAt),
    start_time: formatTime(job.startsAt),
    instance_id: job.instanceId,
    instance_name: job.instanceName,
    target_config: job.patches.join(","),
  };
}

export function listGaussDbScheduleTasks(input: OperationInput): Outcome {
  const window = timeWindow(input);
  if (isOutcome(window)) return window;
  const { instance_id: instanceId, status } = input.query;
  // `name` has one value (HOTFIX_VERSION_UPGRADE), which every task the mock makes has.
  const rows = visibleJobs(input)
    .filter((job) => job.submittedAt >= window.start && job.submittedAt <= window.end)
    .map(taskRow)
    .filter((row) => (instanceId ? row.instance_id === instanceId : true) && (status ? row.status === status : true))
    .reverse();
  const { items, total } = page(rows, intQuery(input, "offset", 0), intQuery(input, "limit", 100));
  return { status: input.successStatus, body: { tasks: items, total_count: total } };
}

/** Cancels a Pending task, named with or without dashes; 200 with an empty body. */
export function cancelGaussDbScheduleTask(input: OperationInput): Outcome {
  const wanted = dashless(input.params.task_id!.toLowerCase());
  const job = input.fleet.jobs(input.api).find((j) => dashless(j.id) === wanted);
  if (!job) return parameterError(input, `path.task_id ${input.params.task_id} names no task`);
  if (!input.fleet.cancel(input.api, job.id)) {
    return parameterError(
      input,
      `task ${input.params.task_id} is ${jobStatusWord[job.status]}; only Pending tasks can be cancelled`,
    );
  }
  return { status: input.successStatus, body: undefined };
}
