// Scheduled hot-patch upgrades of openGauss instances: one task per instance, at `startTime`.
import { gaussdbMeta } from "@dbupgrade/meta";
import type { GaussDbClient } from "../clients/gaussdb-client.js";
import { redactorOf } from "../service-client.js";
import { instanceIdKey } from "./instance-id.js";
import type { BatchOutcome, BatchReport } from "./report.js";
import { runBatches, type AcceptedOutcome, type BatchOptions } from "./run-batches.js";
import { formatStartTime } from "./start-time.js";

const operation = gaussdbMeta.operations.createScheduleTask;

export interface TaskDetails {
  /** The scheduled task (follow it with `ListScheduleTask`); undefined if the API omitted it. */
  taskId: string | undefined;
  taskName: string | undefined;
}

export type GaussDbBatchOutcome = BatchOutcome<TaskDetails>;
export type GaussDbBatchReport = BatchReport<GaussDbBatchOutcome>;

export interface GaussDbHotfixBatchOptions extends BatchOptions<GaussDbBatchOutcome> {
  /** When the hot patch starts; sent in UTC as `yyyy-MM-ddTHH:mm:ss+0000`. */
  startTime: Date;
  /** The hot-patch version to install (the API accepts a comma-separated list). */
  targetVersion: string;
}

interface InstanceTask {
  instance_id?: string;
  task_id?: string;
  task_name?: string;
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
  if (typeof targetVersion !== "string" || targetVersion === "") return Promise.reject(new TypeError("gaussdb: targetVersion must be a non-empty string"));
  return runBatches<string, TaskDetails, {}>(
    {
      operation: { api: gaussdbMeta.api, operationId: operation.operationId },
      batch: operation.batch,
      redact: redactorOf(client),
      key: instanceIdKey(gaussdbMeta.api),
      extra: () => ({}),
      send: (chunk, signal) =>
        client.createScheduleTask(
          { instance_ids: [...chunk], start_time, upgrade_type: "hotfix", upgrade_action: "upgradeAutoCommit", target_version: targetVersion },
          { signal },
        ),
      accept: (chunk, data, response, notes) => {
        const requestId = response.headers.get("X-Request-Id") ?? undefined;
        const wanted = new Set(chunk);
        const outcomes = new Map<string, AcceptedOutcome<TaskDetails>>();
        for (const task of (data as { instance_tasks?: InstanceTask[] }).instance_tasks ?? []) {
          const instanceId = task.instance_id;
          if (instanceId === undefined || !wanted.has(instanceId) || outcomes.has(instanceId)) {
            notes.push(`the response ${requestId ? `${requestId} ` : ""}listed a task for ${instanceId === undefined ? "no instance" : `instance ${instanceId}`}, which matches no pending instance of its request; ignored`);
            continue;
          }
          outcomes.set(instanceId, { status: "submitted", instanceId, taskId: task.task_id, taskName: task.task_name, requestId });
        }
        return outcomes;
      },
    },
    instanceIds,
    batchOptions,
  );
}
