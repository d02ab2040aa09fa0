import type { ApiName } from "@dbupgrade/specs";
import type { OperationIdOf } from "../operation-types.js";
import { scheduleGaussDbHotfix } from "./gaussdb.js";
import type { OperationInput, Outcome } from "./outcome.js";
import { upgradeEachInstance } from "./per-instance-batch.js";
import { upgradeTaurusDbBatch } from "./taurusdb.js";

export type { OperationInput, Outcome } from "./outcome.js";

/** The simulated behaviour of every operation; the mapped type fails to compile if a spec gains one. */
export const operationBehaviours: { [A in ApiName]: { [O in OperationIdOf<A>]: (input: OperationInput) => Outcome } } = {
  geminidb: { batchUpgradeDatabaseVersion: upgradeEachInstance },
  dds: { batchUpgradeDatabaseVersion: upgradeEachInstance },
  taurusdb: { batchUpgradeDatabases: upgradeTaurusDbBatch },
  gaussdb: { createScheduleTask: scheduleGaussDbHotfix },
};
