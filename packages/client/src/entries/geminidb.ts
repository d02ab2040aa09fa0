// @dbupgrade/client/geminidb: the GeminiDB client, its batch helper and workflow, and the shared
// options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export {
  createGeminiDbClient,
  type GeminiDbClient,
  type GeminiDbClientOptions,
  type GeminiDbRegion,
} from "../clients/geminidb-client.js";
export {
  upgradeGeminiDbInBatches,
  type GeminiDbBatchOutcome,
  type GeminiDbBatchReport,
} from "../batch/geminidb-batches.js";
export { planGeminiDbUpgrades } from "../workflow/plan.js";
export { upgradeGeminiDbAndWait } from "../workflow/compose.js";
