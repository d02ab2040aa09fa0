// gaussdb: plan, submit and follow in one call.
import { gaussdbFollower } from "./follow.js";
import { compose, planOptions, type ComposeOptions, type UpgradeRunReport } from "../../workflow/compose.js";
import { scheduleGaussDbHotfixInBatches } from "./batches.js";
import type { GaussDbClient } from "./client.js";
import { planGaussDbHotfixes } from "./plan.js";

/** openGauss: plan (offered hot patches), schedule them at `startTime` (one target version per request), follow the tasks. */
export async function scheduleGaussDbHotfixAndWait(
  client: GaussDbClient,
  options: ComposeOptions & { startTime: Date; targetVersion?: string },
): Promise<UpgradeRunReport<string>> {
  if (!(options?.startTime instanceof Date)) throw new TypeError("gaussdb: startTime must be a Date");
  const plan = await planGaussDbHotfixes(client, { ...planOptions(options), targetVersion: options.targetVersion });
  return compose(
    "gaussdb",
    "createScheduleTask",
    options,
    plan,
    (target, ids, o) =>
      scheduleGaussDbHotfixInBatches(client, ids, { ...o, startTime: options.startTime, targetVersion: target }),
    (s, o) => gaussdbFollower.waitForUpgrades(client, s, o),
  );
}
