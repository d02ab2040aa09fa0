// @dbupgrade/client/gaussdb: the GaussDB (openGauss) client, its hot-patch batch helper and workflow,
// and the shared options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export {
  createGaussDbClient,
  type GaussDbClient,
  type GaussDbClientOptions,
  type GaussDbLanguage,
  type GaussDbRegion,
} from "../clients/gaussdb-client.js";
export {
  scheduleGaussDbHotfixInBatches,
  type GaussDbBatchOutcome,
  type GaussDbBatchReport,
  type GaussDbHotfixBatchOptions,
  type TaskDetails,
} from "../batch/gaussdb-batches.js";
export { formatStartTime } from "../batch/start-time.js";
export { planGaussDbHotfixes, type GaussDbPlanOptions } from "../workflow/plan.js";
export { scheduleGaussDbHotfixAndWait } from "../workflow/compose.js";
