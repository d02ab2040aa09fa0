// A service as a run uses it: the client's registry entry, bound to one client. Nothing here knows a
// particular service: what differs between them (settings, planner, batch helper, poller) is in the
// registry of @dbupgrade/client, and the API facts behind it in the specs.
import {
  followUpgrades,
  upgradeServices,
  type BatchOutcome,
  type BatchReport,
  type FollowOptions,
  type FollowRun,
  type FollowSource,
  type InstanceSelector,
  type RunSettingName,
  type SettingUse,
  type UpgradePlan,
  type UpgradeServices,
} from "@dbupgrade/client";
import type { SendBatch } from "./apply/submit.js";
import type { Connection } from "./config.js";
import { usageError } from "./errors.js";
import type { ServiceName } from "./service-names.js";
import type { UpgradeSettings } from "./settings.js";

// The CLI's list and the registry name the same services, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameServices: Same<ServiceName, keyof UpgradeServices> = true;
void sameServices;

/** Per call; a request without an answer after this long fails (and may have reached the server). */
export const REQUEST_TIMEOUT_MS = 60_000;

export interface ServiceKit {
  service: ServiceName;
  /** The run settings the service reads (from its registry entry). */
  settings: { readonly [S in RunSettingName]?: SettingUse };
  plan(
    selector: InstanceSelector,
    settings: UpgradeSettings,
    signal: AbortSignal | undefined,
  ): Promise<UpgradePlan<unknown>>;
  /** The batch helper with the run's service options applied. */
  sender(settings: UpgradeSettings): SendBatch<unknown>;
  follow(source: FollowSource, options: FollowOptions): FollowRun;
}

/** How a missing required setting is named in the usage error. */
const settingLabels: Record<RunSettingName, string> = {
  startTime: "--start-time",
  targetVersion: "a target version",
  delay: "--delay",
};

export function clientOptions(connection: Connection) {
  const endpoint =
    connection.endpoint !== undefined ? { baseUrl: connection.endpoint } : { region: connection.region! };
  return { ...endpoint, projectId: connection.projectId, auth: connection.auth, timeoutMs: REQUEST_TIMEOUT_MS };
}

/** Creates the service's client; what the client refuses (a bad URL, region or project id) is a usage error. */
function create<C>(factory: () => C): C {
  try {
    return factory();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw usageError(error.message);
    throw error;
  }
}

export function createKit(service: ServiceName, connection: Connection): ServiceKit {
  const entry = upgradeServices[service];
  const client = create(() => entry.createClient(clientOptions(connection)));
  const required = (Object.keys(entry.settings) as RunSettingName[]).filter((s) => entry.settings[s] === "required");
  return {
    service,
    settings: entry.settings,
    plan: (selector, settings, signal) => entry.plan(client, { selector, signal, ...settings }),
    sender: (settings) => (inputs, batch) => {
      if (required.some((s) => settings[s] === undefined))
        throw usageError(`${service} needs ${required.map((s) => settingLabels[s]).join(" and ")}`);
      return entry.submit(client, inputs, { ...batch, ...settings }) as Promise<BatchReport<BatchOutcome>>;
    },
    follow: (source, follow) => followUpgrades(client, source, follow),
  };
}
