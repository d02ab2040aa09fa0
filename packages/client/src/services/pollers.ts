// The follower's slice of the service registry: each API's poller alone, so an app that only follows
// upgrades bundles no planner or batch helper. Typed complete over ApiName, as the registry is.
import type { ApiName } from "@dbupgrade/meta";
import type { Poller } from "../workflow/follow-engine.js";
import type { RunSettings } from "./upgrade-service.js";
import type { DdsClient } from "./dds/client.js";
import { ddsPoller } from "./dds/follow.js";
import type { GaussDbClient } from "./gaussdb/client.js";
import { gaussDbPoller } from "./gaussdb/follow.js";
import type { GeminiDbClient } from "./geminidb/client.js";
import { geminiDbPoller } from "./geminidb/follow.js";
import type { TaurusDbClient } from "./taurusdb/client.js";
import { taurusDbPoller } from "./taurusdb/follow.js";

/** The read methods the follower uses, per service (any client of that service has them). */
export interface FollowClients {
  geminidb: Pick<GeminiDbClient, "api" | "listJobsOrThrow">;
  dds: Pick<DdsClient, "api" | "showJobDetailOrThrow">;
  taurusdb: Pick<TaurusDbClient, "api" | "listImmediateJobsOrThrow" | "listScheduleJobsOrThrow">;
  gaussdb: Pick<GaussDbClient, "api" | "listScheduleTaskOrThrow">;
}

export type ServicePollers = {
  readonly [A in ApiName]: (client: FollowClients[A], settings: Pick<RunSettings, "delay">) => Poller;
};

export const servicePollers: ServicePollers = {
  geminidb: (client) => geminiDbPoller(client),
  dds: (client) => ddsPoller(client),
  taurusdb: (client, { delay }) => taurusDbPoller(client, delay === true),
  gaussdb: (client) => gaussDbPoller(client),
};
