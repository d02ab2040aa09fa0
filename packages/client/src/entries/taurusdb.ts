// @dbupgrade/client/taurusdb: the TaurusDB client, its batch helper and workflow, and the shared
// options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export {
  createTaurusDbClient,
  type TaurusDbClient,
  type TaurusDbClientOptions,
  type TaurusDbLanguage,
  type TaurusDbRegion,
} from "../clients/taurusdb-client.js";
export {
  upgradeTaurusDbInBatches,
  type TaurusDbBatchOptions,
  type TaurusDbBatchOutcome,
  type TaurusDbBatchReport,
  type TaurusDbInstance,
} from "../batch/taurusdb-batches.js";
export { planTaurusDbUpgrades } from "../workflow/plan.js";
export { upgradeTaurusDbAndWait } from "../workflow/compose.js";
