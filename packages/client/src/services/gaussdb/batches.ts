// Scheduled hot-patch upgrades of openGauss instances: one task per instance, at `startTime`.
import { gaussdbMeta } from "@dbupgrade/meta";
import type { GaussDbClient } from "./client.js";
import { redactorOf } from "../../service-client.js";
import { instanceIdKey } from "../../batch/instance-id.js";
import type { BatchOutcome, BatchReport } from "../../batch/report.js";
import { runBatches, type AcceptedOutcome, type BatchOptions } from "../../batch/run-batches.js";
import { formatStartTime } from "../../batch/start-time.js";

const operation = gaussdbMeta.operations.createScheduleTask;

export interface TaskDetails {
  /** The scheduled task (follow it with `ListScheduleTask`); undefined if the API omitted it. */
  taskId: string | undefined;
  taskName: string | undefined;
}

export type GaussDbBatchOutcome = BatchOutcome<TaskDetails>;
export type GaussDbBatchReport = BatchReport<GaussDbBatchOutcome> & {
  /** As sent (`yyyy-MM-ddTHH:mm:ss+0000`): the tasks stay Pending until then. */
  startTime: string;
  targetVersion: string;
};

export interface GaussDbHotfixBatchOptions extends BatchOptions<GaussDbBatchOutcome> {
  /** When the hot patch starts; sent in UTC as `yyyy-MM-ddTHH:mm:ss+0000`. */
  startTime: Date;
  /** The hot-patch version to install (the API accepts a comma-separated list). */
  targetVersion: string;
}

interface InstanceTask {
  instance_id?: unknown;
  task_id?: unknown;
  task_name?: unknown;
}

export function scheduleGaussDbHotfixInBatches(
  client: Pick<GaussDbClient, "createScheduleTask">,
  instanceIds: Iterable<string>,
  options: GaussDbHotfixBatchOptions,
): Promise<GaussDbBatchReport> {
  const { startTime, targetVersion, ...batchOptions } = options;
  let start_time: string;
  try {
    start_time = formatStartTime(startTime);
  } catch (error) {
    return Promise.reject(error);
  }
  if (typeof targetVersion !== "string" || targetVersion === "")
    return Promise.reject(new TypeError("gaussdb: targetVersion must be a non-empty string"));
  return runBatches<string, TaskDetails, {}>(
    {
      operation: { api: gaussdbMeta.api, operationId: operation.operationId },
      batch: operation.batch,
      redact: redactorOf(client),
      key: instanceIdKey(gaussdbMeta.api),
      extra: () => ({}),
      send: (chunk, signal) =>
        client.createScheduleTask(
          {
            instance_ids: [...chunk],
            start_time,
            upgrade_type: "hotfix",
            upgrade_action: "upgradeAutoCommit",
            target_version: targetVersion,
          },
          { signal },
        ),
      accept: (chunk, data, response, notes) => {
        const requestId = response.headers.get("X-Request-Id") ?? undefined;
        const wanted = new Set(chunk);
        const outcomes = new Map<string, AcceptedOutcome<TaskDetails>>();
        const tasks = (data as { instance_tasks?: unknown } | null)?.instance_tasks;
        if (!Array.isArray(tasks))
          notes.push(
            `the response ${requestId ? `${requestId} ` : ""}has no instance_tasks list; its instances are failed (the server may have acted on them)`,
          );
        for (const entry of Array.isArray(tasks) ? (tasks as unknown[]) : []) {
          const task = (entry !== null && typeof entry === "object" ? entry : {}) as InstanceTask;
          const instanceId = typeof task.instance_id === "string" ? task.instance_id : undefined;
          if (instanceId === undefined || !wanted.has(instanceId) || outcomes.has(instanceId)) {
            notes.push(
              `the response ${requestId ? `${requestId} ` : ""}listed a task for ${instanceId === undefined ? "no instance" : `instance ${instanceId}`}, which matches no pending instance of its request; ignored`,
            );
            continue;
          }
          outcomes.set(instanceId, {
            status: "submitted",
            instanceId,
            taskId: typeof task.task_id === "string" ? task.task_id : undefined,
            taskName: typeof task.task_name === "string" ? task.task_name : undefined,
            requestId,
          });
        }
        return outcomes;
      },
    },
    instanceIds,
    batchOptions,
  ).then((report) => ({ ...report, startTime: start_time, targetVersion }));
}
