// TaurusDB in the service registry: `delay` moves the upgrades into each instance's maintenance window.
import type { UpgradeService } from "../upgrade-service.js";
import { taurusDbPoller } from "./follow.js";
import { upgradeTaurusDbInBatches, type TaurusDbInstance } from "./batches.js";
import { createTaurusDbClient, type TaurusDbClient, type TaurusDbLanguage } from "./client.js";
import { planTaurusDbUpgrades } from "./plan.js";

export const taurusdbService: UpgradeService<"taurusdb", TaurusDbClient, TaurusDbInstance> = {
  api: "taurusdb",
  clientFactory: "createTaurusDbClient",
  submitOperation: "batchUpgradeDatabases",
  settings: { delay: "optional" },
  createClient: ({ language, ...options }) =>
    createTaurusDbClient({ ...options, language: language as TaurusDbLanguage | undefined }),
  plan: (client, { selector, chunkSize, concurrency, grouping, signal }) =>
    planTaurusDbUpgrades(client, { selector, chunkSize, concurrency, grouping, signal }),
  submit: (client, inputs, { delay, startTime: _s, targetVersion: _t, ...options }) =>
    upgradeTaurusDbInBatches(client, inputs, { ...options, delay: delay === true }),
  poller: (client, { delay }) => taurusDbPoller(client, delay === true),
};
