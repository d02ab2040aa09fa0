// @dbupgrade/client/dds: the DDS client, its batch helper and workflow, and the shared options, errors
// and follow helpers; nothing of the other three services.
export * from "./common.js";
export { createDdsClient, type DdsClient, type DdsClientOptions, type DdsRegion } from "../clients/dds-client.js";
export { upgradeDdsInBatches, type DdsBatchOutcome, type DdsBatchReport } from "../batch/dds-batches.js";
export { planDdsUpgrades } from "../workflow/plan.js";
export { upgradeDdsAndWait } from "../workflow/compose.js";
