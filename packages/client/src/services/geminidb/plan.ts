// GeminiDB dry run: the patch each instance is offered, grouped by engine.
import { geminidbMeta } from "@dbupgrade/meta";
import type { GeminiDbClient } from "./client.js";
import { context, datastoreOf, finish, listAll, listed, patchVerdict, type PlanOptions } from "../../workflow/plan.js";
import type { UpgradePlan } from "../../workflow/plan-types.js";

/** GeminiDB dry run: eligible when normal, idle and `patch_available`; requests grouped by engine. */
export async function planGeminiDbUpgrades(
  client: Pick<GeminiDbClient, "listInstancesOrThrow">,
  options: PlanOptions = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("geminidb", client, options, geminidbMeta.operations.batchUpgradeDatabaseVersion.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listInstancesOrThrow({ query: { offset, limit: 100 } }, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const verdicts = new Map(all.map((instance, n) => [instance.id, patchVerdict(instance, datastoreOf(rows[n]!))]));
  return finish(ctx, all, verdicts, (i) => i.id, "mixed-engines");
}
