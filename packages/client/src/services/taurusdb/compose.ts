// taurusdb: plan, submit and follow in one call.
import { taurusdbFollower } from "./follow.js";
import { compose, planOptions, type ComposeOptions, type UpgradeRunReport } from "../../workflow/compose.js";
import { upgradeTaurusDbInBatches, type TaurusDbInstance } from "./batches.js";
import type { TaurusDbClient } from "./client.js";
import { planTaurusDbUpgrades } from "./plan.js";

/** TaurusDB: plan (versions per instance), upgrade the eligible ones (one source version per request), follow. */
export async function upgradeTaurusDbAndWait(
  client: TaurusDbClient,
  options: ComposeOptions & { delay: boolean },
): Promise<UpgradeRunReport<TaurusDbInstance>> {
  if (typeof options?.delay !== "boolean") throw new TypeError("taurusdb: delay must be a boolean");
  const plan = await planTaurusDbUpgrades(client, planOptions(options));
  return compose(
    "taurusdb",
    "batchUpgradeDatabases",
    options,
    plan,
    (_g, inputs, o) => upgradeTaurusDbInBatches(client, inputs, { ...o, delay: options.delay }),
    (s, o) => taurusdbFollower.waitForUpgrades(client, s, { ...o, delay: options.delay }),
  );
}
