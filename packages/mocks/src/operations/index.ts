import type { ApiName } from "@dbupgrade/specs";
import type { OperationIdOf } from "../operation-types.js";
import { scheduleGaussDbHotfix } from "./gaussdb.js";
import type { OperationInput, Outcome } from "./outcome.js";
import { upgradeEachInstance } from "./per-instance-batch.js";
import { upgradeTaurusDbBatch } from "./taurusdb.js";

export type { OperationInput, Outcome } from "./outcome.js";

/**
 * The simulated behaviour of every operation. Interim (issue 11): the follow and plan operations
 * the specs just gained are not simulated yet, so they are optional here and not routed; the fleet
 * commit makes every operation required again.
 */
export const operationBehaviours: { [A in ApiName]: Partial<{ [O in OperationIdOf<A>]: (input: OperationInput) => Outcome }> } = {
  geminidb: { batchUpgradeDatabaseVersion: upgradeEachInstance },
  dds: { batchUpgradeDatabaseVersion: upgradeEachInstance },
  taurusdb: { batchUpgradeDatabases: upgradeTaurusDbBatch },
  gaussdb: { createScheduleTask: scheduleGaussDbHotfix },
};
