// followUpgrades / waitForUpgrades: follow every submitted instance of a batch report (or resume a
// saved follow report) to a conclusion, polling the API that shows each service's upgrade jobs.
import type { ApiName } from "@dbupgrade/meta";
import type { DdsClient } from "../clients/dds-client.js";
import type { GaussDbClient } from "../clients/gaussdb-client.js";
import type { GeminiDbClient } from "../clients/geminidb-client.js";
import type { TaurusDbClient } from "../clients/taurusdb-client.js";
import { redactorOf } from "../service-client.js";
import { startFollow, type FollowOptions, type FollowRun } from "./follow-run.js";
import type { FollowSource } from "./follow-source.js";
import type { FollowReport } from "./follow-types.js";
import { ddsPoller } from "../services/dds/follow.js";
import { gaussDbPoller } from "../services/gaussdb/follow.js";
import { geminiDbPoller } from "../services/geminidb/follow.js";
import { taurusDbPoller } from "../services/taurusdb/follow.js";

/** The read methods the follower uses, per service (any client of that service has them). */
export type FollowClient =
  | Pick<GeminiDbClient, "api" | "listJobsOrThrow">
  | Pick<DdsClient, "api" | "showJobDetailOrThrow">
  | Pick<TaurusDbClient, "api" | "listImmediateJobsOrThrow" | "listScheduleJobsOrThrow">
  | Pick<GaussDbClient, "api" | "listScheduleTaskOrThrow">;

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
    switch (api) {
      case "geminidb":
        return { poller: geminiDbPoller(client as Pick<GeminiDbClient, "listJobsOrThrow">), redact };
      case "dds":
        return { poller: ddsPoller(client as Pick<DdsClient, "showJobDetailOrThrow">), redact };
      case "taurusdb":
        return {
          poller: taurusDbPoller(
            client as Pick<TaurusDbClient, "listImmediateJobsOrThrow" | "listScheduleJobsOrThrow">,
            normalized.delay ?? options.delay ?? false,
          ),
          redact,
        };
      case "gaussdb":
        return { poller: gaussDbPoller(client as Pick<GaussDbClient, "listScheduleTaskOrThrow">), redact };
    }
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
