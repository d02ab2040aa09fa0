// What the report says each instance counts as for the stop rule. The report is the rollout's memory:
// a resume (after Ctrl-C, kill -9, a stop by the rule) starts from these, so errors already counted
// still count.
import type { InstanceTally } from "@dbupgrade/client";
import { toFollow } from "../follow/follow.js";
import type { WaveRecord } from "../report/rollout-types.js";
import { safeToSend } from "../report/summary.js";
import type { InstanceRecord } from "../report/types.js";

/** Undefined: never handed to the API (not started). */
export function tallyOf(record: InstanceRecord): InstanceTally | undefined {
  const submission = record.submission;
  switch (submission?.status) {
    case undefined:
    case "skipped":
      return undefined;
    case "sending":
      // Died mid-request: it may have reached the server, and nobody knows how it ended.
      return "uncertain";
    case "rejected":
      return "rejected";
    case "failed":
      return submission.mayHaveReachedServer === false ? "submit-failed" : "uncertain";
    case "submitted":
      break;
  }
  const job = record.job;
  if (job === undefined || !job.final) return "started";
  switch (job.state) {
    case "completed":
      return "confirmed";
    case "failed":
      return "job-failed";
    case "cancelled":
      return "job-cancelled";
    default:
      return "job-lost";
  }
}

/** Every started instance of the report, as the rule counts it. */
export function historyOf(records: readonly InstanceRecord[]): Map<string, InstanceTally> {
  const history = new Map<string, InstanceTally>();
  for (const record of records) {
    const tally = tallyOf(record);
    if (tally !== undefined) history.set(record.instanceId, tally);
  }
  return history;
}

/** A wave is done when none of its members is left to send or to follow. */
export function waveDone(wave: WaveRecord, records: ReadonlyMap<string, InstanceRecord>): boolean {
  const following = new Set(toFollow([...records.values()]).map((r) => r.instanceId));
  return wave.members.every((id) => {
    const record = records.get(id);
    return record === undefined || (!safeToSend(record) && !following.has(id));
  });
}
