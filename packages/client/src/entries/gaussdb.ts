// @dbupgrade/client/gaussdb: the GaussDB (openGauss) client, its hot-patch batch helper and workflow,
// and the shared options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export * from "../services/gaussdb/index.js";
export { formatStartTime } from "../batch/start-time.js";
import { gaussdbFollower } from "../services/gaussdb/follow.js";

/** Follows this service's upgrades (the same function as the root entry's, for this service only). */
export const followUpgrades = gaussdbFollower.followUpgrades;
/** `followUpgrades(...).report`: the final report only. */
export const waitForUpgrades = gaussdbFollower.waitForUpgrades;
