// followUpgrades / waitForUpgrades: follow every submitted instance of a batch report (or resume a
// saved follow report) to a conclusion, polling the API that shows each service's upgrade jobs.
import type { ApiName } from "@dbupgrade/meta";
import { redactorOf } from "../service-client.js";
import { type FollowClients, servicePollers } from "../services/pollers.js";
import { startFollow, type FollowOptions, type FollowRun } from "./follow-run.js";
import type { FollowSource } from "./follow-source.js";
import type { Poller as FollowPoller } from "./follow-engine.js";
import type { FollowReport } from "./follow-types.js";

/** The read methods the follower uses, per service (any client of that service has them). */
export type FollowClient = FollowClients[ApiName];

/**
 * Follows every submitted instance of `source` (a batch report, or a follow report to resume) until
 * each concludes, the deadline passes or the signal aborts. Iterate the result for instances as they
 * conclude; `report` resolves with every instance exactly once. Poll failures are retried, never
 * turned into a resubmission.
 */
export function followUpgrades(client: FollowClient, source: FollowSource, options: FollowOptions = {}): FollowRun {
  return startFollow(source, options, (normalized) => {
    const api: ApiName = normalized.api;
    if (client?.api !== api)
      throw new TypeError(`followUpgrades: the report is from ${api}, but the client is for ${String(client?.api)}`);
    const redact = redactorOf(client);
    const delay = normalized.delay ?? options.delay ?? false;
    const poller = servicePollers[api] as (client: FollowClient, settings: { delay: boolean }) => FollowPoller;
    return { poller: poller(client, { delay }), redact };
  });
}

/** `followUpgrades(...).report`: the final report only. */
export function waitForUpgrades(
  client: FollowClient,
  source: FollowSource,
  options: FollowOptions = {},
): Promise<FollowReport> {
  try {
    return followUpgrades(client, source, options).report;
  } catch (error) {
    return Promise.reject(error);
  }
}
