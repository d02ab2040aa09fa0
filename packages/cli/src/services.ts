// The four services, as the client offers them: one client, one planner, one batch helper and the
// follower each. This is the only module that knows which client function serves which service; it
// holds no API fact (paths, fields, limits all live in @dbupgrade/client and the specs behind it).
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  followUpgrades,
  planDdsUpgrades,
  planGaussDbHotfixes,
  planGeminiDbUpgrades,
  planTaurusDbUpgrades,
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  type BatchOutcome,
  type BatchReport,
  type FollowOptions,
  type FollowRun,
  type FollowSource,
  type InstanceSelector,
  type TaurusDbInstance,
  type UpgradePlan,
} from "@dbupgrade/client";
import type { SendBatch } from "./apply/submit.js";
import type { Connection } from "./config.js";
import { usageError } from "./errors.js";
import type { UpgradeSettings } from "./settings.js";

export type ServiceName = "geminidb" | "taurusdb" | "dds" | "gaussdb";

/** Per call; a request without an answer after this long fails (and may have reached the server). */
export const REQUEST_TIMEOUT_MS = 60_000;

export interface ServiceKit {
  service: ServiceName;
  plan(
    selector: InstanceSelector,
    settings: UpgradeSettings,
    signal: AbortSignal | undefined,
  ): Promise<UpgradePlan<unknown>>;
  /** The batch helper with the run's service options applied. */
  sender(settings: UpgradeSettings): SendBatch<unknown>;
  follow(source: FollowSource, options: FollowOptions): FollowRun;
}

type Report = BatchReport<BatchOutcome>;

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
  const options = clientOptions(connection);
  switch (service) {
    case "geminidb": {
      const client = create(() => createGeminiDbClient(options));
      return {
        service,
        plan: (selector, _settings, signal) => planGeminiDbUpgrades(client, { selector, signal }),
        sender: () => (inputs, batch, guard) =>
          upgradeGeminiDbInBatches(guard(client), inputs as string[], batch) as Promise<Report>,
        follow: (source, follow) => followUpgrades(client, source, follow),
      };
    }
    case "dds": {
      const client = create(() => createDdsClient(options));
      return {
        service,
        plan: (selector, _settings, signal) => planDdsUpgrades(client, { selector, signal }),
        sender: () => (inputs, batch, guard) =>
          upgradeDdsInBatches(guard(client), inputs as string[], batch) as Promise<Report>,
        follow: (source, follow) => followUpgrades(client, source, follow),
      };
    }
    case "taurusdb": {
      const client = create(() => createTaurusDbClient(options));
      return {
        service,
        plan: (selector, _settings, signal) => planTaurusDbUpgrades(client, { selector, signal }),
        sender: (settings) => (inputs, batch, guard) =>
          upgradeTaurusDbInBatches(guard(client), inputs as TaurusDbInstance[], {
            ...batch,
            delay: settings.delay === true,
          }) as Promise<Report>,
        follow: (source, follow) => followUpgrades(client, source, follow),
      };
    }
    case "gaussdb": {
      const client = create(() => createGaussDbClient(options));
      return {
        service,
        plan: (selector, settings, signal) =>
          planGaussDbHotfixes(client, {
            selector,
            signal,
            ...(settings.targetVersion === undefined ? {} : { targetVersion: settings.targetVersion }),
          }),
        sender: (settings) => (inputs, batch, guard) => {
          if (settings.startTime === undefined || settings.targetVersion === undefined)
            throw usageError("gaussdb needs --start-time and a target version");
          return scheduleGaussDbHotfixInBatches(guard(client), inputs as string[], {
            ...batch,
            startTime: settings.startTime,
            targetVersion: settings.targetVersion,
          }) as Promise<Report>;
        },
        follow: (source, follow) => followUpgrades(client, source, follow),
      };
    }
  }
}
