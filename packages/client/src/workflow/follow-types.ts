// The follow report: plain JSON data (strings, numbers, booleans, null, arrays, plain objects), so a
// CLI can save it and resume following from the saved file.
import type { ApiName } from "@dbupgrade/meta";

/**
 * Where an instance's upgrade stands, as the job/task API last showed it:
 * - `completed`, `failed`, `cancelled`: the job ended so.
 * - `pending`, `running`: the job exists and had not ended when following stopped.
 * - `unknown`: the job was not (or no longer) found: never seen within the visibility grace period,
 *   vanished, or not polled before following stopped.
 */
export type FollowState = "completed" | "failed" | "cancelled" | "pending" | "running" | "unknown";

export const followStates: readonly FollowState[] = [
  "completed",
  "failed",
  "cancelled",
  "pending",
  "running",
  "unknown",
];
export const endedStates: ReadonlySet<FollowState> = new Set(["completed", "failed", "cancelled"]);

export interface FollowedInstance {
  instanceId: string;
  state: FollowState;
  /** Following it stopped on a conclusion: the job ended, or it stayed unknown past the grace period. */
  final: boolean;
  /** The job id (GeminiDB, DDS; TaurusDB once listed) or task id (openGauss). */
  jobId: string | null;
  /** The last status string the API showed (`Running`, `Completed`, ...). */
  serverStatus: string | null;
  progress: string | null;
  failReason: string | null;
  /** The version the upgrade reached, where the polled API shows it. */
  version: string | null;
  /** ISO 8601: when its upgrade request was sent. */
  submittedAt: string;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  settledAt: string | null;
  polls: number;
  pollFailures: number;
  /** Redacted message of the last failed poll. */
  lastPollError: string | null;
  note: string | null;
}

export type FollowCounts = Record<FollowState, number>;

export interface FollowReport {
  kind: "dbupgrade.follow";
  version: 1;
  api: ApiName;
  startedAt: string;
  finishedAt: string;
  /** Every submitted instance of the source exactly once, in the source's order. */
  instances: FollowedInstance[];
  counts: FollowCounts;
  /** Poll requests made by this run (earlier runs of a resumed report not included). */
  requests: number;
  /** Listing passes among them (a pass reads every page of a job list once). */
  passes: number;
  pollFailures: number;
  deadlineReached: boolean;
  aborted: boolean;
  /** TaurusDB: whether the upgrades were deferred to the maintenance window (followed with ListScheduleJobs). */
  delay?: boolean;
  notes: string[];
  /** The shortest job duration seen (submission -> seen completed), or the one given: the next run's estimate. */
  jobDurationMs?: number;
  /**
   * The newest server time (ISO) a row of this run showed: a job's creation, or its end where the rows say.
   * Jobs submitted after every job of this run was seen ended are created after it: their `listedSince`.
   */
  newestJobTime?: string;
}

export interface FollowProgress {
  counts: FollowCounts;
  /** Instances whose following has concluded. */
  settled: number;
  total: number;
  requests: number;
  /** Instances that concluded since the last call. */
  latest: FollowedInstance[];
}

export function emptyCounts(): FollowCounts {
  return { completed: 0, failed: 0, cancelled: 0, pending: 0, running: 0, unknown: 0 };
}

export function countStates(instances: readonly FollowedInstance[]): FollowCounts {
  const counts = emptyCounts();
  for (const instance of instances) counts[instance.state]++;
  return counts;
}
