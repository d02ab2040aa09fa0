// followUpgrades / waitForUpgrades over every service: follow every submitted instance of a batch report
// (or resume a saved follow report) to a conclusion, polling the API that shows each service's upgrade jobs.
import type { ApiName } from "@dbupgrade/meta";
import { type FollowClients, servicePollers } from "../services/pollers.js";
import type { FollowOptions, FollowRun } from "./follow-run.js";
import type { FollowSource } from "./follow-source.js";
import type { FollowReport } from "./follow-types.js";
import { createFollower } from "./follower.js";

/** The read methods the follower uses, per service (any client of that service has them). */
export type FollowClient = FollowClients[ApiName];

const everyService = /* @__PURE__ */ createFollower(servicePollers);

/**
 * Follows every submitted instance of `source` (a batch report, or a follow report to resume) until
 * each concludes, the deadline passes or the signal aborts. Iterate the result for instances as they
 * conclude; `report` resolves with every instance exactly once. Poll failures are retried, never
 * turned into a resubmission.
 */
export function followUpgrades(client: FollowClient, source: FollowSource, options: FollowOptions = {}): FollowRun {
  return everyService.followUpgrades(client, source, options);
}

/** `followUpgrades(...).report`: the final report only. */
export function waitForUpgrades(
  client: FollowClient,
  source: FollowSource,
  options: FollowOptions = {},
): Promise<FollowReport> {
  return everyService.waitForUpgrades(client, source, options);
}
