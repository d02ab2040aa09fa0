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
  text,
  type PlanOptions,
  type Row,
} from "../../workflow/plan.js";
import { ineligible, readiness, selectInstances, type ListedInstance, type Verdict } from "../../workflow/plan-core.js";
import { NOT_EXPOSED, type UpgradePlan } from "../../workflow/plan-types.js";

/** TaurusDB dry run: `ShowInstanceDatabaseVersion` per ready instance gives from -> to and `upgrade_flag`; grouped by source version. */
export async function planTaurusDbUpgrades(
  client: Pick<TaurusDbClient, "listGaussMySqlInstancesOrThrow" | "showInstanceDatabaseVersionOrThrow">,
  options: PlanOptions = {},
): Promise<UpgradePlan<TaurusDbInstance>> {
  const ctx = context("taurusdb", client, options, taurusdbMeta.operations.batchUpgradeDatabases.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listGaussMySqlInstancesOrThrow({ query: { offset, limit: 100 } } as never, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
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
