// openGauss in the service registry: a hot patch scheduled at `startTime`, to `targetVersion`.
import type { UpgradeService } from "../upgrade-service.js";
import { gaussDbPoller } from "./follow.js";
import { scheduleGaussDbHotfixInBatches } from "./batches.js";
import { createGaussDbClient, type GaussDbClient, type GaussDbLanguage } from "./client.js";
import { planGaussDbHotfixes } from "./plan.js";

export const gaussdbService: UpgradeService<"gaussdb", GaussDbClient, string> = {
  api: "gaussdb",
  clientFactory: "createGaussDbClient",
  submitOperation: "createScheduleTask",
  settings: { startTime: "required", targetVersion: "required" },
  createClient: ({ language, ...options }) =>
    createGaussDbClient({ ...options, language: language as GaussDbLanguage | undefined }),
  plan: (client, { selector, chunkSize, concurrency, grouping, signal, targetVersion }) =>
    planGaussDbHotfixes(client, {
      selector,
      chunkSize,
      concurrency,
      grouping,
      signal,
      ...(targetVersion === undefined ? {} : { targetVersion }),
    }),
  submit: (client, inputs, { delay: _d, startTime, targetVersion, ...options }) =>
    scheduleGaussDbHotfixInBatches(client, inputs, {
      ...options,
      startTime: startTime as Date,
      targetVersion: targetVersion as string,
    }),
  poller: (client) => gaussDbPoller(client),
};
