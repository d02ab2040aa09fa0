// @dbupgrade/client/dds: the DDS client, its batch helper and workflow, and the shared options, errors
// and follow helpers; nothing of the other three services.
export * from "./common.js";
export * from "../services/dds/index.js";
import { ddsFollower } from "../services/dds/follow.js";

/** Follows this service's upgrades (the same function as the root entry's, for this service only). */
export const followUpgrades = ddsFollower.followUpgrades;
/** `followUpgrades(...).report`: the final report only. */
export const waitForUpgrades = ddsFollower.waitForUpgrades;
