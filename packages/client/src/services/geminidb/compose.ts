// geminidb: plan, submit and follow in one call.
import { geminidbFollower } from "./follow.js";
import { compose, planOptions, type ComposeOptions, type UpgradeRunReport } from "../../workflow/compose.js";
import { upgradeGeminiDbInBatches } from "./batches.js";
import type { GeminiDbClient } from "./client.js";
import { planGeminiDbUpgrades } from "./plan.js";

/** GeminiDB: plan, patch the eligible instances (one engine per request), follow their jobs. */
export async function upgradeGeminiDbAndWait(
  client: GeminiDbClient,
  options: ComposeOptions = {},
): Promise<UpgradeRunReport<string>> {
  const plan = await planGeminiDbUpgrades(client, planOptions(options));
  return compose(
    "geminidb",
    "batchUpgradeDatabaseVersion",
    options,
    plan,
    (_g, ids, o) => upgradeGeminiDbInBatches(client, ids, o),
    (s, o) => geminidbFollower.waitForUpgrades(client, s, o),
  );
}
