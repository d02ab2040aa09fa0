// dds: plan, submit and follow in one call.
import { ddsFollower } from "./follow.js";
import { compose, planOptions, type ComposeOptions, type UpgradeRunReport } from "../../workflow/compose.js";
import { upgradeDdsInBatches } from "./batches.js";
import type { DdsClient } from "./client.js";
import { planDdsUpgrades } from "./plan.js";

/** DDS: plan (with ETAs), patch the eligible instances, follow their jobs. */
export async function upgradeDdsAndWait(
  client: DdsClient,
  options: ComposeOptions & { eta?: boolean } = {},
): Promise<UpgradeRunReport<string>> {
  const plan = await planDdsUpgrades(client, { ...planOptions(options), eta: options.eta });
  return compose(
    "dds",
    "batchUpgradeDatabaseVersion",
    options,
    plan,
    (_g, ids, o) => upgradeDdsInBatches(client, ids, o),
    (s, o) => ddsFollower.waitForUpgrades(client, s, o),
  );
}
