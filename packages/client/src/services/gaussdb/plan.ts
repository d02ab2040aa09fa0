// openGauss dry run: the hot patches each instance is offered, grouped by target version.
import { gaussdbMeta, compareVersions } from "@dbupgrade/meta";
import type { GaussDbClient } from "./client.js";
import { bareGaussDbVersion } from "./version.js";
import {
  context,
  datastoreOf,
  eachLimited,
  finish,
  listAll,
  listed,
  readPages,
  rowsOf,
  tagQuery,
  text,
  type PlanOptions,
  type Row,
} from "../../workflow/plan.js";
import { ineligible, readiness, selectInstances, type ListedInstance, type Verdict } from "../../workflow/plan-core.js";
import { NOT_EXPOSED, type UpgradePlan } from "../../workflow/plan-types.js";

export interface GaussDbPlanOptions extends PlanOptions {
  /** The hot patch to install; default the highest one each instance is offered. */
  targetVersion?: string;
}

/**
 * openGauss dry run: hot patches offered per instance (`BatchShowUpgradeCandidateVersions`, /v3.1, hotfix
 * type enabled with upgradeAutoCommit), installed ones (`hotfix_version_infos` of the /v3.3 list), and tasks
 * already pending (`ListScheduleTask`). Versions are compared and reported without their `V2.0-` prefix.
 * Grouped by target version (one per request).
 */
export async function planGaussDbHotfixes(
  client: Pick<
    GaussDbClient,
    "listDatabaseInstancesOrThrow" | "batchShowUpgradeCandidateVersionsOrThrow" | "listScheduleTaskOrThrow"
  >,
  options: GaussDbPlanOptions = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("gaussdb", client, options, gaussdbMeta.operations.createScheduleTask.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listDatabaseInstancesOrThrow({ query: { offset, limit: 100, ...tagQuery(ctx.selector.tags) } } as never, {
      signal,
    }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const { selected } = selectInstances(all, ctx.selector);
  const pending = new Map<string, string>();
  const tasks = await readPages<Row>(
    ctx.send,
    100,
    async (offset, signal) => {
      const data = await client.listScheduleTaskOrThrow(
        { query: { name: "HOTFIX_VERSION_UPGRADE", status: "Pending", offset, limit: 100 } } as never,
        { signal },
      );
      return { rows: data.tasks, total: data.total_count };
    },
    (task) => {
      if (typeof task.instance_id === "string" && String(task.status).toLowerCase() === "pending")
        pending.set(task.instance_id, `${text(task.task_id) ?? "?"} at ${text(task.start_time) ?? "?"}`);
    },
  );
  if (!tasks.complete)
    ctx.notes.push(
      `pending tasks could not be listed (${ctx.describe(tasks.error)}); instances with one are not marked`,
    );
  const verdicts = new Map<string, Verdict>();
  const ready: { instance: ListedInstance; from: string; installed: string[] }[] = [];
  for (const instance of selected) {
    const ds = datastoreOf(rows[all.indexOf(instance)]!);
    const installed = rowsOf(ds.hotfix_version_infos)
      .map((h) => text(h.version))
      .filter((v): v is string => v !== undefined)
      .map(bareGaussDbVersion);
    const base = bareGaussDbVersion(text(ds.complete_version) || text(ds.version) || NOT_EXPOSED);
    const from = installed.length > 0 ? `${base} + hotfix ${installed.join(", ")}` : base;
    const notReady = readiness(instance);
    if (notReady !== undefined) verdicts.set(instance.id, ineligible(notReady.reason!, notReady.detail!, from));
    else if (pending.has(instance.id))
      verdicts.set(
        instance.id,
        ineligible("task-pending", `a hot-patch task is already pending: ${pending.get(instance.id)}`, from),
      );
    else ready.push({ instance, from, installed });
  }
  await eachLimited(ready, ctx.concurrency, async ({ instance, from, installed }) => {
    try {
      const data = (await ctx.send((signal) =>
        client.batchShowUpgradeCandidateVersionsOrThrow({ instance_ids: [instance.id] }, { signal }),
      )) as Row;
      const hotfix = rowsOf(data.upgrade_type_list).find((t) => t.upgrade_type === "hotfix");
      const autoCommit = rowsOf(hotfix?.upgrade_action_list).some(
        (a) => a.upgrade_action === "upgradeAutoCommit" && a.enable === true,
      );
      const offered = rowsOf(data.hotfix_upgrade_infos)
        .map((h) => text(h.version))
        .filter((v): v is string => v !== undefined)
        .map(bareGaussDbVersion)
        .sort(compareVersions);
      const wanted = options.targetVersion === undefined ? undefined : bareGaussDbVersion(options.targetVersion);
      const target = wanted ?? offered.at(-1);
      if (wanted !== undefined && installed.includes(wanted))
        verdicts.set(instance.id, {
          ...ineligible("already-latest", `hot patch ${wanted} is installed`, from, wanted),
          candidates: offered,
        });
      else if (hotfix?.enable !== true || !autoCommit || offered.length === 0 || target === undefined)
        verdicts.set(
          instance.id,
          ineligible(
            "no-patch",
            "no hot patch is offered (hotfix type with upgradeAutoCommit not enabled, or no candidate)",
            from,
          ),
        );
      else if (!offered.includes(target))
        verdicts.set(instance.id, {
          ...ineligible(
            "target-not-offered",
            `${target} is not among the offered hot patches (${offered.join(", ")})`,
            from,
            target,
          ),
          candidates: offered,
        });
      else
        verdicts.set(instance.id, {
          eligible: true,
          reason: null,
          detail: null,
          from,
          to: target,
          group: target,
          candidates: offered,
        });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      verdicts.set(
        instance.id,
        ineligible("lookup-failed", `BatchShowUpgradeCandidateVersions failed: ${ctx.describe(error)}`, from),
      );
    }
  });
  return finish(ctx, all, verdicts, (i) => i.id, "target-not-offered");
}
