// TaurusDB scheduled upgrades: ListScheduleJobs (upgrades with delay=true, waiting for the maintenance
// window) and CancelScheduleTask (DELETE with job ids; the answer lists the ones it cancelled).
import type { TaurusDbClient } from "./client.js";
import type { CancelOutcome, ScheduledUpgrade } from "../../workflow/scheduled-types.js";

/** The job name TaurusDB gives a version upgrade in the schedule list. */
const VERSION_UPGRADE = "VERSION_UPGRADE";
const PAGE = 100;

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Every scheduled version upgrade with the given status (default Pending), all pages. */
export async function listTaurusDbScheduledUpgrades(
  client: Pick<TaurusDbClient, "listScheduleJobsOrThrow">,
  options: { status?: string; signal?: AbortSignal } = {},
): Promise<ScheduledUpgrade[]> {
  const found: ScheduledUpgrade[] = [];
  // A page limit keeps a misbehaving total_count from looping forever.
  for (let offset = 0, pages = 0; pages < 10_000; offset += PAGE, pages++) {
    const data = await client.listScheduleJobsOrThrow(
      {
        query: {
          job_name: VERSION_UPGRADE,
          status: (options.status ?? "Pending") as never,
          offset: String(offset),
          limit: String(PAGE),
        },
      },
      options.signal ? { signal: options.signal } : {},
    );
    const rows = Array.isArray(data.schedules) ? data.schedules : [];
    for (const row of rows) {
      const instanceId = text(row.instance_id);
      const taskId = text(row.job_id);
      if (instanceId === null || taskId === null) continue;
      found.push({
        instanceId,
        instanceName: text(row.instance_name),
        taskId,
        status: text(row.job_status) ?? "unknown",
        startTime: text(row.start_time),
        target: text(row.target_config),
      });
    }
    if (rows.length < PAGE || offset + rows.length >= (data.total_count ?? 0)) break;
  }
  return found;
}

/** Cancels the given scheduled upgrades in one request; those the answer does not list were refused. */
export async function cancelTaurusDbScheduledUpgrades(
  client: Pick<TaurusDbClient, "cancelScheduleTask">,
  upgrades: readonly Pick<ScheduledUpgrade, "instanceId" | "taskId">[],
  options: { signal?: AbortSignal } = {},
): Promise<CancelOutcome[]> {
  if (upgrades.length === 0) return [];
  let result: Awaited<ReturnType<TaurusDbClient["cancelScheduleTask"]>>;
  try {
    result = await client.cancelScheduleTask(
      { job_ids: upgrades.map((u) => u.taskId) },
      options.signal ? { signal: options.signal } : {},
    );
  } catch (error) {
    const detail = `no answer (${(error as Error).message}); it may have been cancelled`;
    return upgrades.map((u) => ({ instanceId: u.instanceId, taskId: u.taskId, status: "failed", detail }));
  }
  if (result.error !== undefined || result.data === undefined) {
    const e = result.error as { error_code?: string; error_msg?: string } | undefined;
    const detail = `HTTP ${result.response.status}${e?.error_code ? ` ${e.error_code}` : ""}${e?.error_msg ? `: ${e.error_msg}` : ""}`;
    return upgrades.map((u) => ({ instanceId: u.instanceId, taskId: u.taskId, status: "refused", detail }));
  }
  const cancelled = new Set(Array.isArray(result.data.job_ids) ? result.data.job_ids : []);
  return upgrades.map((u) =>
    cancelled.has(u.taskId)
      ? { instanceId: u.instanceId, taskId: u.taskId, status: "cancelled", detail: null }
      : {
          instanceId: u.instanceId,
          taskId: u.taskId,
          status: "refused",
          detail: "not in the API's list of cancelled jobs (already started or ended, or unknown)",
        },
  );
}
