// The two services with scheduled upgrades (TaurusDB with --delay, openGauss at --start-time): their
// list and cancel calls, behind one shape for `scheduled list` and `scheduled cancel`.
import {
  cancelGaussDbScheduledUpgrades,
  cancelTaurusDbScheduledUpgrades,
  createGaussDbClient,
  createTaurusDbClient,
  listGaussDbScheduledUpgrades,
  listTaurusDbScheduledUpgrades,
  type CancelOutcome,
  type ScheduledUpgrade,
} from "@dbupgrade/client";
import type { Connection } from "../../config.js";
import { usageError } from "../../errors.js";
import { clientOptions } from "../../services.js";

export const SCHEDULED_SERVICES = ["taurusdb", "gaussdb"] as const;
export type ScheduledService = (typeof SCHEDULED_SERVICES)[number];

export interface ScheduledKit {
  list(signal: AbortSignal): Promise<ScheduledUpgrade[]>;
  cancel(upgrades: readonly ScheduledUpgrade[], signal: AbortSignal): Promise<CancelOutcome[]>;
}

export function scheduledServiceOf(service: string | undefined): ScheduledService {
  if (!SCHEDULED_SERVICES.includes(service as ScheduledService))
    throw usageError(
      `--service must be one of ${SCHEDULED_SERVICES.join(", ")} (the services whose upgrades can be scheduled)`,
    );
  return service as ScheduledService;
}

export function scheduledKit(service: ScheduledService, connection: Connection): ScheduledKit {
  const options = clientOptions(connection);
  try {
    if (service === "taurusdb") {
      const client = createTaurusDbClient(options);
      return {
        list: (signal) => listTaurusDbScheduledUpgrades(client, { signal }),
        cancel: (upgrades, signal) => cancelTaurusDbScheduledUpgrades(client, upgrades, { signal }),
      };
    }
    const client = createGaussDbClient(options);
    return {
      list: (signal) => listGaussDbScheduledUpgrades(client, { signal }),
      cancel: (upgrades, signal) => cancelGaussDbScheduledUpgrades(client, upgrades, { signal }),
    };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw usageError(error.message);
    throw error;
  }
}
