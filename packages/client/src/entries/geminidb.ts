// @dbupgrade/client/geminidb: the GeminiDB client, its batch helper and workflow, and the shared
// options, errors and follow helpers; nothing of the other three services.
export * from "./common.js";
export * from "../services/geminidb/index.js";
import { geminidbFollower } from "../services/geminidb/follow.js";

/** Follows this service's upgrades (the same function as the root entry's, for this service only). */
export const followUpgrades = geminidbFollower.followUpgrades;
/** `followUpgrades(...).report`: the final report only. */
export const waitForUpgrades = geminidbFollower.waitForUpgrades;
