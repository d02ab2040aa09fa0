// TaurusDB dry run: the kernel version each ready instance would move to, grouped by source version.
import { taurusdbMeta } from "@dbupgrade/meta";
import type { TaurusDbClient } from "./client.js";
import type { TaurusDbInstance } from "./batches.js";
import {
  context,
  datastoreOf,
  eachLimited,
  finish,
  listAll,
  listed,
  readPages,
  tagQuery,
  text,
  type PlanContext,
  type PlanOptions,
  type Row,
} from "../../workflow/plan.js";
import { ineligible, readiness, selectInstances, type ListedInstance, type Verdict } from "../../workflow/plan-core.js";
import { NOT_EXPOSED, NOT_IN_LIST, type UpgradePlan } from "../../workflow/plan-types.js";

/**
 * TaurusDB dry run: the /v3.1 list (unified statuses: only `normal` is ready), then `ShowInstanceDatabaseVersion`
 * per ready instance gives from -> to and `upgrade_flag`; grouped by source version.
 */
export async function planTaurusDbUpgrades(
  client: Pick<
    TaurusDbClient,
    "listGaussMySqlInstancesUnifyStatusOrThrow" | "listImmediateJobsOrThrow" | "showInstanceDatabaseVersionOrThrow"
  >,
  options: PlanOptions = {},
): Promise<UpgradePlan<TaurusDbInstance>> {
  const ctx = context("taurusdb", client, options, taurusdbMeta.operations.batchUpgradeDatabases.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listGaussMySqlInstancesUnifyStatusOrThrow(
      { query: { offset, limit: 100, ...tagQuery(ctx.selector.tags) } } as never,
      { signal },
    ),
  );
  const running = await taurusDbRunningJobs(ctx, client);
  const all = rows.map((row) => {
    // The /v3.1 list has no maintenance window (ShowGaussMySqlInstanceInfo has it): the plan says so.
    const instance = listed(row, datastoreOf(row).type, NOT_IN_LIST);
    const jobs = running.get(instance.id);
    return jobs === undefined ? instance : { ...instance, actions: [...instance.actions, ...jobs] };
  });
  const verdicts = new Map<string, Verdict>();
  const { selected } = selectInstances(all, ctx.selector);
  const ready: ListedInstance[] = [];
  for (const instance of selected) {
    const notReady = readiness(instance);
    if (notReady !== undefined)
      verdicts.set(
        instance.id,
        ineligible(
          notReady.reason!,
          notReady.detail!,
          text(datastoreOf(rows[all.indexOf(instance)]!).kernel_version) || NOT_EXPOSED,
        ),
      );
    else ready.push(instance);
  }
  await eachLimited(ready, ctx.concurrency, async (instance) => {
    try {
      const data = (await ctx.send((signal) =>
        client.showInstanceDatabaseVersionOrThrow({ path: { instance_id: instance.id } }, { signal }),
      )) as Row;
      const ds = datastoreOf(data);
      const from = text(ds.current_kernel_version) || NOT_EXPOSED;
      const to = text(ds.latest_kernel_version) || NOT_EXPOSED;
      if (data.upgrade_flag === true && from !== NOT_EXPOSED)
        verdicts.set(instance.id, { eligible: true, reason: null, detail: null, from, to, group: from });
      else if (from !== NOT_EXPOSED && from === to)
        verdicts.set(instance.id, ineligible("already-latest", `kernel ${from} is the latest`, from, to));
      else
        verdicts.set(
          instance.id,
          ineligible(
            "no-patch",
            data.upgrade_flag === true ? "the API gave no current kernel version" : "upgrade_flag is false",
            from,
            to,
          ),
        );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      verdicts.set(
        instance.id,
        ineligible("lookup-failed", `ShowInstanceDatabaseVersion failed: ${ctx.describe(error)}`),
      );
    }
  });
  return finish(
    ctx,
    all,
    verdicts,
    (i, v) => ({ instanceId: i.id, currentVersion: v.from }),
    "different-source-version",
  );
}

/**
 * The /v3.1 list's unified statuses report health (`normal`), not tasks, so the instances with a job
 * in progress come from the task centre (`ListImmediateJobs`, status Running): job names per instance.
 * If the list fails, the plan says so in a note and the batch's own checks remain.
 */
async function taurusDbRunningJobs(
  ctx: PlanContext,
  client: Pick<TaurusDbClient, "listImmediateJobsOrThrow">,
): Promise<Map<string, string[]>> {
  const running = new Map<string, string[]>();
  const jobs = await readPages<Row>(
    ctx.send,
    50,
    async (offset, signal) => {
      const data = await client.listImmediateJobsOrThrow(
        { query: { status: "Running", offset: String(offset), limit: "50" } } as never,
        { signal },
      );
      return { rows: data.jobs, total: data.total_count };
    },
    (job) => {
      const id = text(job.instance_id);
      if (id !== undefined && String(job.status).toLowerCase() === "running")
        running.set(id, [...(running.get(id) ?? []), text(job.job_name) ?? "a job"]);
    },
  );
  if (!jobs.complete)
    ctx.notes.push(`running jobs could not be listed (${ctx.describe(jobs.error)}); instances with one are not marked`);
  return running;
}
