// DDS: its client, batch helper, planner, composed run and registry entry.
export { createDdsClient, type DdsClient, type DdsClientOptions, type DdsRegion } from "./client.js";
export { upgradeDdsInBatches, type DdsBatchOutcome, type DdsBatchReport } from "./batches.js";
export { planDdsUpgrades } from "./plan.js";
export { upgradeDdsAndWait } from "./compose.js";
export { ddsService } from "./service.js";
