import type { ApiName } from "@dbupgrade/specs";
import type { GeminiDbEngine } from "./versions.js";

export type { GeminiDbEngine };

/** States of a simulated instance. Only `available` instances accept an upgrade. */
export type InstanceStatus = "available" | "upgrading" | "frozen" | "abnormal";

export const instanceStatuses: readonly InstanceStatus[] = ["available", "upgrading", "frozen", "abnormal"];

/** An upgrade the fleet accepted: a GeminiDB/DDS job, an openGauss task, or TaurusDB's (id-less) upgrade. */
export interface UpgradeJob {
  api: ApiName;
  /** The job or task id. TaurusDB returns none to its caller; the fleet still tracks one. */
  id: string;
  instanceId: string;
  fromVersion: string;
  targetVersion: string;
  submittedAt: number;
  startsAt: number;
  completesAt: number;
  /** `scheduled` before `startsAt` (delayed TaurusDB, openGauss `start_time`), then `running`, then `completed`. */
  status: "scheduled" | "running" | "completed";
}

export interface MockInstance {
  api: ApiName;
  id: string;
  name: string;
  status: InstanceStatus;
  version: string;
  /** GeminiDB only: the engine (a batch must not mix engines). */
  engine?: GeminiDbEngine;
  /** The upgrade in progress, while `status` is `upgrading`. */
  upgrade?: UpgradeJob;
}

export interface NewInstance {
  id?: string;
  name?: string;
  status?: Exclude<InstanceStatus, "upgrading">;
  version?: string;
  engine?: GeminiDbEngine;
}
