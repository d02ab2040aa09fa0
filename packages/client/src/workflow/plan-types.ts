// The plan (dry run) report: plain JSON data, one row per selected instance.
import type { ApiName } from "@dbupgrade/meta";
import type { InstanceSelector } from "./selector.js";

/** Why an instance would not be upgraded. */
export type PlanReason =
  | "status"
  | "action-in-progress"
  | "no-patch"
  | "already-latest"
  | "mixed-engines"
  | "different-source-version"
  | "target-not-offered"
  | "task-pending"
  | "not-found"
  | "lookup-failed";

/** Written where the API does not expose a version. */
export const NOT_EXPOSED = "not exposed";

/** The maintenance window of a service whose instance list does not return one (TaurusDB /v3.1). */
export const NOT_IN_LIST = "not in the list API";

export interface PlanRow {
  instanceId: string;
  name: string | null;
  engine: string | null;
  /** The API's own status string. */
  status: string | null;
  eligible: boolean;
  /** Null when eligible. */
  reason: PlanReason | null;
  /** A sentence: why not, or what to know. */
  detail: string | null;
  /** The version now, or "not exposed". */
  from: string;
  /** The version after the upgrade, or "not exposed". */
  to: string;
  /** 1-based number of the request it would be sent in (eligible rows only). */
  request: number | null;
  /** The request group: engine (GeminiDB), source version (TaurusDB), or "all". */
  group: string | null;
  /** Estimated upgrade minutes (DDS ShowUpgradeDuration, minimized_upgrade_time). */
  etaMinutes: number | null;
  /**
   * The maintenance window the list returns (GeminiDB, DDS, openGauss: e.g. `02:00-06:00`), NOT_IN_LIST where
   * the list has none (TaurusDB), null when the instance's row did not carry it.
   */
  maintenanceWindow: string | null;
  /** The versions the API offers this instance (openGauss candidate hot patches), else null; `to` is the one chosen. */
  candidates: string[] | null;
  /** The tags the list returned (DDS, openGauss, TaurusDB), null where the list returns none (GeminiDB). */
  tags: Record<string, string> | null;
}

export interface PlanBatch<Input> {
  group: string;
  /** Goes straight into the service's batch helper (it chunks them as `chunks` shows). */
  inputs: Input[];
}

export interface UpgradePlan<Input> {
  kind: "dbupgrade.plan";
  version: 1;
  api: ApiName;
  createdAt: string;
  selector: InstanceSelector;
  /** One per selected instance, in listing order; ids asked for but not listed come last ("not-found"). */
  rows: PlanRow[];
  /** Eligible inputs grouped as the API requires (one engine / one source version per request). */
  batches: PlanBatch<Input>[];
  /** Instance ids per request, in send order: `rows[].request` numbers these from 1. */
  chunks: string[][];
  chunkSize: number;
  counts: { listed: number; selected: number; eligible: number; ineligible: number };
  /** HTTP requests the plan made (reads only). */
  requests: number;
  notes: string[];
}
