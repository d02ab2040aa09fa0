// GeminiDB in the service registry.
import type { UpgradeService } from "../upgrade-service.js";
import { geminiDbPoller } from "./follow.js";
import { upgradeGeminiDbInBatches } from "./batches.js";
import { createGeminiDbClient, type GeminiDbClient } from "./client.js";
import { planGeminiDbUpgrades } from "./plan.js";

export const geminidbService: UpgradeService<"geminidb", GeminiDbClient, string> = {
  api: "geminidb",
  clientFactory: "createGeminiDbClient",
  submitOperation: "batchUpgradeDatabaseVersion",
  settings: {},
  createClient: ({ language: _language, ...options }) => createGeminiDbClient(options),
  plan: (client, { selector, chunkSize, concurrency, grouping, signal }) =>
    planGeminiDbUpgrades(client, { selector, chunkSize, concurrency, grouping, signal }),
  submit: (client, inputs, options) => upgradeGeminiDbInBatches(client, inputs, options),
  poller: (client) => geminiDbPoller(client),
};
