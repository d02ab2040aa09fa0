// DDS dry run: the patch each instance is offered, with its ETA.
import { ddsMeta } from "@dbupgrade/meta";
import type { DdsClient } from "./client.js";
import {
  context,
  datastoreOf,
  eachLimited,
  finish,
  listAll,
  listed,
  patchVerdict,
  rowsOf,
  tagQuery,
  type PlanOptions,
} from "../../workflow/plan.js";
import { selectInstances } from "../../workflow/plan-core.js";
import type { UpgradePlan } from "../../workflow/plan-types.js";

/** DDS dry run: as GeminiDB, plus the ETA of each eligible instance (`ShowUpgradeDuration`, fastest-completion strategy). */
export async function planDdsUpgrades(
  client: Pick<DdsClient, "listInstancesOrThrow" | "showUpgradeDurationOrThrow">,
  options: PlanOptions & { eta?: boolean } = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("dds", client, options, ddsMeta.operations.batchUpgradeDatabaseVersion.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listInstancesOrThrow({ query: { offset, limit: 100, ...tagQuery(ctx.selector.tags) } }, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const verdicts = new Map(all.map((instance, n) => [instance.id, patchVerdict(instance, datastoreOf(rows[n]!))]));
  if (options.eta !== false) {
    const { selected } = selectInstances(all, ctx.selector);
    const failures: string[] = [];
    await eachLimited(
      selected.filter((i) => verdicts.get(i.id)!.eligible),
      ctx.concurrency,
      async (instance) => {
        try {
          const data = await ctx.send((signal) =>
            client.showUpgradeDurationOrThrow({ path: { instance_id: instance.id } }, { signal }),
          );
          const fastest = rowsOf(data.strategies).find((s) => s.strategy === "minimized_upgrade_time");
          const minutes = fastest?.estimated_upgrade_duration;
          if (typeof minutes === "number" && Number.isFinite(minutes) && minutes >= 0)
            verdicts.get(instance.id)!.etaMinutes = minutes;
        } catch (error) {
          if (options.signal?.aborted) throw error;
          failures.push(`${instance.id}: ${ctx.describe(error)}`);
        }
      },
    );
    if (failures.length > 0)
      ctx.notes.push(
        `no ETA for ${failures.length} instance(s): ${failures.slice(0, 3).join("; ")}${failures.length > 3 ? "; ..." : ""}`,
      );
  }
  return finish(ctx, all, verdicts, (i) => i.id, "mixed-engines");
}
