// GeminiDB: its client, batch helper, planner, composed run and registry entry.
export {
  createGeminiDbClient,
  type GeminiDbClient,
  type GeminiDbClientOptions,
  type GeminiDbRegion,
} from "./client.js";
export { upgradeGeminiDbInBatches, type GeminiDbBatchOutcome, type GeminiDbBatchReport } from "./batches.js";
export { planGeminiDbUpgrades } from "./plan.js";
export { upgradeGeminiDbAndWait } from "./compose.js";
export { geminidbService } from "./service.js";
