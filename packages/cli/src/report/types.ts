// The report file: everything `apply`, `wait` and `report` know about one upgrade run, in JSON, so a
// later command (or a CI step, or another machine) can pick it up. Only plain data: no secrets, no
// class instances.
import type { RolloutRecord } from "./rollout-types.js";

export const REPORT_FORMAT = "dbupgrade-report/1";

/**
 * `sending`: handed to the API and no answer recorded yet. Found in a file, it means the process died
 * mid-request: the API may have acted on it, so it counts as "may have reached the server".
 */
export type SubmissionStatus = "sending" | "submitted" | "rejected" | "failed" | "skipped";

export interface Submission {
  status: SubmissionStatus;
  /** When this status was recorded (ISO 8601). */
  at: string;
  /** How many times this instance was handed to the API, over every run. */
  attempts: number;
  jobId?: string;
  taskId?: string;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  httpStatus?: number;
  /** `failed` only: false when the request surely never reached the server (safe to resend). */
  mayHaveReachedServer?: boolean;
  /** The client's outcome for this instance, as JSON: what following the upgrade starts from. */
  outcome?: unknown;
}

/** The client's follow states: `unknown` is "not seen yet", or, once final, "never found". */
export type JobState = "pending" | "running" | "completed" | "failed" | "cancelled" | "unknown";

export interface JobProgress {
  state: JobState;
  /** Ended (completed, failed, cancelled), or given up on (unknown after the grace period). */
  final: boolean;
  /** When this state was last seen (ISO 8601). */
  at: string;
  /** The job as the API names it, when the submission did not say (TaurusDB lists it later). */
  jobId?: string;
  /** The API's own status word (Running, Completed, ...). */
  serverStatus?: string;
  /** Progress as the API words it (e.g. `60%`). */
  progress?: string;
  /** Why it failed, or what the follower noticed. */
  detail?: string;
}

export interface InstanceRecord {
  instanceId: string;
  name?: string;
  fromVersion?: string;
  toVersion?: string;
  /** From the plan: whether the instance can be upgraded now, and why not. */
  eligible: boolean;
  reason?: string;
  /** From the plan: the request (1-based, in send order) the instance goes in. */
  request?: number;
  submission?: Submission;
  job?: JobProgress;
}

export type Phase = "planned" | "submitting" | "submitted" | "following" | "done";

export interface RunRecord {
  command: string;
  startedAt: string;
  endedAt?: string;
  /** Missing when the process died without a chance to say (kill -9, power loss). */
  outcome?: "finished" | "interrupted" | "failed";
}

export interface ReportFile {
  format: typeof REPORT_FORMAT;
  service: string;
  createdAt: string;
  updatedAt: string;
  /** Where the run sends requests (never credentials). */
  target: { projectId: string; region?: string; endpoint?: string };
  /** Service options of the run (openGauss startTime/targetVersion, TaurusDB delay). */
  options: { startTime?: string; targetVersion?: string; delay?: boolean };
  phase: Phase;
  /** One per distinct instance of the selection, in plan order. */
  instances: InstanceRecord[];
  notes: string[];
  runs: RunRecord[];
  /** apply with --canary, --wave-size or --max-errors: the waves and the stop rule. */
  rollout?: RolloutRecord;
}
