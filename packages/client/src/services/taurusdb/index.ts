// TaurusDB: its client, batch helper, planner, composed run and registry entry.
export {
  createTaurusDbClient,
  type TaurusDbClient,
  type TaurusDbClientOptions,
  type TaurusDbLanguage,
  type TaurusDbRegion,
} from "./client.js";
export {
  upgradeTaurusDbInBatches,
  type TaurusDbBatchOptions,
  type TaurusDbBatchOutcome,
  type TaurusDbBatchReport,
  type TaurusDbInstance,
} from "./batches.js";
export { planTaurusDbUpgrades } from "./plan.js";
export { upgradeTaurusDbAndWait } from "./compose.js";
export { taurusdbService } from "./service.js";
