// What a report says, counted: the same numbers for the human summary, --json and the exit code.
import type { InstanceRecord, ReportFile } from "./types.js";

/** One word per instance for tables: where it stands now. */
export type InstanceState =
  | "ineligible"
  | "not sent"
  | "unknown"
  | "rejected"
  | "failed"
  | "skipped"
  | "submitted"
  | "pending"
  | "running"
  | "completed"
  | "job failed"
  | "cancelled"
  | "lost";

export const instanceStates: readonly InstanceState[] = [
  "ineligible",
  "not sent",
  "unknown",
  "rejected",
  "failed",
  "skipped",
  "submitted",
  "pending",
  "running",
  "completed",
  "job failed",
  "cancelled",
  "lost",
];

export function instanceState(record: InstanceRecord): InstanceState {
  const submission = record.submission;
  if (submission === undefined) return record.eligible ? "not sent" : "ineligible";
  switch (submission.status) {
    case "sending":
      return "unknown";
    case "rejected":
    case "failed":
    case "skipped":
      return submission.status;
    case "submitted":
      break;
  }
  const job = record.job;
  if (job === undefined) return "submitted";
  switch (job.state) {
    case "failed":
      return "job failed";
    case "unknown":
      // Not seen yet, or (final) never found where the follow APIs should list it.
      return job.final ? "lost" : "submitted";
    default:
      return job.state;
  }
}

/** Submission that may have reached the server without an answer: never resent without --force. */
export function mayHaveReachedServer(record: InstanceRecord): boolean {
  const s = record.submission;
  return s !== undefined && (s.status === "sending" || (s.status === "failed" && s.mayHaveReachedServer !== false));
}

/** Eligible, and nothing about it says the API has or may have seen it: safe to send. */
export function safeToSend(record: InstanceRecord): boolean {
  if (!record.eligible) return false;
  const s = record.submission;
  return s === undefined || s.status === "skipped" || (s.status === "failed" && s.mayHaveReachedServer === false);
}

export interface ReportSummary {
  service: string;
  instances: number;
  states: Record<InstanceState, number>;
  /** Instances that may have reached the server without an answer (listed by `report`, kept by `apply --resume`). */
  uncertain: string[];
  /** Instances `apply --resume` would send. */
  resendable: number;
  /** Submitted instances whose job has not reached an end (completed, failed, cancelled, lost). */
  unfinished: number;
  /** rejected + failed + unknown + job failed + cancelled + lost. */
  problems: number;
}

export function summarize(report: ReportFile): ReportSummary {
  const states = Object.fromEntries(instanceStates.map((s) => [s, 0])) as Record<InstanceState, number>;
  const uncertain: string[] = [];
  let resendable = 0;
  for (const record of report.instances) {
    states[instanceState(record)]++;
    if (mayHaveReachedServer(record)) uncertain.push(record.instanceId);
    if (safeToSend(record)) resendable++;
  }
  return {
    service: report.service,
    instances: report.instances.length,
    states,
    uncertain,
    resendable,
    unfinished: states.submitted + states.pending + states.running,
    problems: states.rejected + states.failed + states.unknown + states["job failed"] + states.cancelled + states.lost,
  };
}
