// openGauss: its client, batch helper, planner, composed run and registry entry.
export {
  createGaussDbClient,
  type GaussDbClient,
  type GaussDbClientOptions,
  type GaussDbLanguage,
  type GaussDbRegion,
} from "./client.js";
export {
  scheduleGaussDbHotfixInBatches,
  type GaussDbBatchOutcome,
  type GaussDbBatchReport,
  type GaussDbHotfixBatchOptions,
  type TaskDetails,
} from "./batches.js";
export { planGaussDbHotfixes, type GaussDbPlanOptions } from "./plan.js";
export { scheduleGaussDbHotfixAndWait } from "./compose.js";
export { gaussdbService } from "./service.js";
