// DDS in the service registry.
import type { UpgradeService } from "../upgrade-service.js";
import { ddsPoller } from "./follow.js";
import { upgradeDdsInBatches } from "./batches.js";
import { createDdsClient, type DdsClient } from "./client.js";
import { planDdsUpgrades } from "./plan.js";

export const ddsService: UpgradeService<"dds", DdsClient, string> = {
  api: "dds",
  clientFactory: "createDdsClient",
  submitOperation: "batchUpgradeDatabaseVersion",
  settings: {},
  createClient: ({ language: _language, ...options }) => createDdsClient(options),
  plan: (client, { selector, chunkSize, concurrency, grouping, signal }) =>
    planDdsUpgrades(client, { selector, chunkSize, concurrency, grouping, signal }),
  submit: (client, inputs, options) => upgradeDdsInBatches(client, inputs, options),
  poller: (client) => ddsPoller(client),
};
