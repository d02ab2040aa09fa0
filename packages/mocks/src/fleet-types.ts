import type { InstanceTags } from "./instance-tags.js";
import type { ApiName } from "@dbupgrade/specs";
import type { GeminiDbEngine } from "./services/geminidb/versions.js";

export type { GeminiDbEngine };

/** States of a simulated instance. Only `available` instances accept an upgrade. */
export type InstanceStatus = "available" | "upgrading" | "frozen" | "abnormal";

export const instanceStatuses: readonly InstanceStatus[] = ["available", "upgrading", "frozen", "abnormal"];

/**
 * Where a job is in its life: `scheduled` until `startsAt` (a delayed TaurusDB upgrade, an openGauss
 * task before `start_time`), `running` until `completesAt`, then `completed` or `failed`;
 * `canceled` when it was cancelled while scheduled.
 */
export type JobStatus = "scheduled" | "running" | "completed" | "failed" | "canceled";

export const finalJobStatuses: readonly JobStatus[] = ["completed", "failed", "canceled"];

/** An upgrade the fleet accepted: a GeminiDB/DDS job, a TaurusDB job (id-less to its caller), an openGauss task. */
export interface UpgradeJob {
  api: ApiName;
  /** The job or task id. TaurusDB returns none to its caller; the fleet still tracks one. */
  id: string;
  instanceId: string;
  /** The instance's name when the job was created (still shown after the instance is deleted). */
  instanceName: string;
  fromVersion: string;
  targetVersion: string;
  /** openGauss hot patches, applied low to high (the batch's comma-separated `target_version`). */
  patches: readonly string[];
  /** `scheduled`: a delayed TaurusDB upgrade or an openGauss task; `immediate` otherwise. */
  kind: "immediate" | "scheduled";
  submittedAt: number;
  startsAt: number;
  completesAt: number;
  /** When the job APIs start listing it (TaurusDB: "a job id is queryable a few seconds after creation"). */
  visibleAt: number;
  status: JobStatus;
  /** Set when `status` is `failed`. */
  failReason?: string;
  /** When the job reached its final status (completed, failed or canceled). */
  endedAt?: number;
  /** True once the instance was deleted while this job ran (the `instanceDeleted` scenario). */
  instanceDeleted?: boolean;
}

/** An installed openGauss hot patch. */
export interface InstalledPatch {
  version: string;
  finishedAt: number;
}

export interface MockInstance {
  api: ApiName;
  id: string;
  name: string;
  status: InstanceStatus;
  /** The kernel / patch version the instance runs. */
  version: string;
  /** GeminiDB only: the engine (a batch must not mix engines). */
  engine?: GeminiDbEngine;
  /** Maintenance window (UTC), e.g. `02:00-06:00`: where a TaurusDB `delay: true` upgrade goes. */
  maintenanceWindow: string;
  /** The newest version of the instance's engine: what an immediate upgrade moves it to. */
  latestVersion: string;
  /** Whether a newer version exists (GeminiDB/DDS `patch_available`, TaurusDB `upgrade_flag`). */
  patchAvailable: boolean;
  /** openGauss: the hot patches installed so far. */
  installedPatches: readonly InstalledPatch[];
  /** The upgrade in progress or scheduled, while `status` is `upgrading`. */
  upgrade?: UpgradeJob;
  /** Tags, key -> value (served by the lists that return tags: DDS, openGauss, TaurusDB). */
  tags: InstanceTags;
}

export interface NewInstance {
  id?: string;
  name?: string;
  status?: Exclude<InstanceStatus, "upgrading">;
  version?: string;
  engine?: GeminiDbEngine;
  tags?: InstanceTags;
}
