// openGauss scheduled hot patches: ListScheduleTask (status Pending) and CancelScheduleTask (one PUT
// per task; 200 with an empty body, an error answer when the task is not Pending or unknown).
import type { GaussDbClient } from "./client.js";
import type { CancelOutcome, ScheduledUpgrade } from "../../workflow/scheduled-types.js";

const HOTFIX_TASK = "HOTFIX_VERSION_UPGRADE";
const PAGE = 100;

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function listGaussDbScheduledUpgrades(
  client: Pick<GaussDbClient, "listScheduleTaskOrThrow">,
  options: { status?: string; signal?: AbortSignal } = {},
): Promise<ScheduledUpgrade[]> {
  const found: ScheduledUpgrade[] = [];
  for (let offset = 0, pages = 0; pages < 10_000; offset += PAGE, pages++) {
    const data = await client.listScheduleTaskOrThrow(
      { query: { name: HOTFIX_TASK, status: (options.status ?? "Pending") as never, offset, limit: PAGE } },
      options.signal ? { signal: options.signal } : {},
    );
    const rows = Array.isArray(data.tasks) ? data.tasks : [];
    for (const row of rows) {
      const instanceId = text(row.instance_id);
      const taskId = text(row.task_id);
      if (instanceId === null || taskId === null) continue;
      found.push({
        instanceId,
        instanceName: text(row.instance_name),
        taskId,
        status: text(row.status) ?? "unknown",
        startTime: text(row.start_time),
        target: text(row.target_config),
      });
    }
    if (rows.length < PAGE || offset + rows.length >= (data.total_count ?? 0)) break;
  }
  return found;
}

/** One request per task, `concurrency` at a time; each answered on its own. */
export async function cancelGaussDbScheduledUpgrades(
  client: Pick<GaussDbClient, "cancelScheduleTask">,
  upgrades: readonly Pick<ScheduledUpgrade, "instanceId" | "taskId">[],
  options: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<CancelOutcome[]> {
  const outcomes: CancelOutcome[] = new Array(upgrades.length);
  let next = 0;
  const worker = async () => {
    while (next < upgrades.length) {
      const index = next++;
      const { instanceId, taskId } = upgrades[index]!;
      try {
        const result = await client.cancelScheduleTask(
          { path: { task_id: taskId } },
          options.signal ? { signal: options.signal } : {},
        );
        if (result.response.ok) outcomes[index] = { instanceId, taskId, status: "cancelled", detail: null };
        else {
          const e = result.error as { error_code?: string; error_msg?: string } | undefined;
          outcomes[index] = {
            instanceId,
            taskId,
            status: "refused",
            detail: `HTTP ${result.response.status}${e?.error_code ? ` ${e.error_code}` : ""}${e?.error_msg ? `: ${e.error_msg}` : ""}`,
          };
        }
      } catch (error) {
        outcomes[index] = {
          instanceId,
          taskId,
          status: "failed",
          detail: `no answer (${(error as Error).message}); it may have been cancelled`,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, upgrades.length) }, worker));
  return outcomes;
}
