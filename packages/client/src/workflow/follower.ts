// The follower, given the pollers of the services it may follow: followUpgrades and waitForUpgrades.
// The root entry builds it over every service; a per-service entry over its own service only, so its
// bundle holds no other service's poller or metadata.
import type { ApiName } from "@dbupgrade/meta";
import { redactorOf } from "../service-client.js";
import type { FollowClients, ServicePollers } from "../services/pollers.js";
import type { Poller } from "./follow-engine.js";
import { startFollow, type FollowOptions, type FollowRun } from "./follow-run.js";
import type { FollowSource } from "./follow-source.js";
import type { FollowReport } from "./follow-types.js";

export interface Follower<A extends ApiName> {
  /**
   * Follows every submitted instance of `source` (a batch report, or a follow report to resume) until
   * each concludes, the deadline passes or the signal aborts. Iterate the result for instances as they
   * conclude; `report` resolves with every instance exactly once. Poll failures are retried, never
   * turned into a resubmission.
   */
  followUpgrades(client: FollowClients[A], source: FollowSource, options?: FollowOptions): FollowRun;
  /** `followUpgrades(...).report`: the final report only. */
  waitForUpgrades(client: FollowClients[A], source: FollowSource, options?: FollowOptions): Promise<FollowReport>;
}

type AnyPoller = (client: FollowClients[ApiName], settings: { delay: boolean }) => Poller;

export function createFollower<A extends ApiName>(pollers: Pick<ServicePollers, A>): Follower<A> {
  const followUpgrades = (client: FollowClients[A], source: FollowSource, options: FollowOptions = {}): FollowRun =>
    startFollow(source, options, (normalized) => {
      const api: ApiName = normalized.api;
      if (client?.api !== api)
        throw new TypeError(`followUpgrades: the report is from ${api}, but the client is for ${String(client?.api)}`);
      const poller = (pollers as Partial<Record<ApiName, AnyPoller>>)[api];
      if (poller === undefined) throw new TypeError(`followUpgrades: this entry point does not follow ${api}`);
      const delay = normalized.delay ?? options.delay ?? false;
      return { poller: poller(client, { delay }), redact: redactorOf(client) };
    });
  const waitForUpgrades = (
    client: FollowClients[A],
    source: FollowSource,
    options: FollowOptions = {},
  ): Promise<FollowReport> => {
    try {
      return followUpgrades(client, source, options).report;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return { followUpgrades, waitForUpgrades };
}
