// @dbupgrade/client/taurusdb: the TaurusDB client, its batch helper and workflow, and the shared
// options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export * from "../services/taurusdb/index.js";
import { taurusdbFollower } from "../services/taurusdb/follow.js";

/** Follows this service's upgrades (the same function as the root entry's, for this service only). */
export const followUpgrades = taurusdbFollower.followUpgrades;
/** `followUpgrades(...).report`: the final report only. */
export const waitForUpgrades = taurusdbFollower.waitForUpgrades;
