// Following submitted upgrades to their end, with the report file kept current: every concluded
// instance is saved as it concludes, and the whole picture when following stops (all ended, the
// deadline, or Ctrl-C). Following only reads: stopping and resuming it never sends an upgrade again.
import type { FollowedInstance, FollowOptions, FollowProgress, FollowReport } from "@dbupgrade/client";
import type { ReportStore } from "../report/store.js";
import type { InstanceRecord, JobProgress } from "../report/types.js";
import type { ServiceKit } from "../services.js";

export interface FollowView {
  progress(progress: FollowProgress): void;
  concluded(record: InstanceRecord): void;
  finish(): void;
}

export interface FollowResult {
  /** Instances handed to the follower (submitted, not yet concluded). */
  followed: number;
  report: FollowReport | undefined;
}

/** Submitted instances whose job has not concluded: what `wait` follows. */
export function toFollow(records: readonly InstanceRecord[]): InstanceRecord[] {
  return records.filter(
    (r) => r.submission?.status === "submitted" && r.submission.outcome !== undefined && r.job?.final !== true,
  );
}

export function jobProgressOf(instance: FollowedInstance, submissionJobId: string | undefined, now: Date): JobProgress {
  const detail = instance.failReason ?? instance.note ?? instance.lastPollError ?? undefined;
  return {
    state: instance.state,
    final: instance.final,
    at: instance.lastSeenAt ?? now.toISOString(),
    ...(instance.jobId && instance.jobId !== submissionJobId ? { jobId: instance.jobId } : {}),
    ...(instance.serverStatus ? { serverStatus: instance.serverStatus } : {}),
    ...(instance.progress ? { progress: instance.progress } : {}),
    ...(detail ? { detail } : {}),
  };
}

export interface FollowRunOptions extends Pick<FollowOptions, "deadline" | "signal"> {
  pollIntervalMs?: number;
  view?: FollowView;
  now?: () => Date;
}

export async function followWithReport(
  store: ReportStore,
  kit: ServiceKit,
  options: FollowRunOptions = {},
): Promise<FollowResult> {
  const now = options.now ?? (() => new Date());
  const records = toFollow(store.report.instances);
  if (records.length === 0) return { followed: 0, report: undefined };
  const byId = new Map(records.map((r) => [r.instanceId, r]));
  const update = (instance: FollowedInstance): InstanceRecord | undefined => {
    const record = byId.get(instance.instanceId);
    if (record === undefined) return undefined;
    record.job = jobProgressOf(instance, record.submission?.jobId ?? record.submission?.taskId, now());
    return record;
  };
  const { delay, startTime } = store.report.options;
  const source = {
    api: kit.service,
    outcomes: records.map((r) => r.submission!.outcome as { status: string; instanceId: string }),
    ...(delay === undefined ? {} : { delay }),
    ...(startTime === undefined ? {} : { startTime }),
  };
  store.report.phase = "following";
  store.save();
  const run = kit.follow(source, {
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.pollIntervalMs === undefined
      ? {}
      : { initialIntervalMs: options.pollIntervalMs, maxIntervalMs: options.pollIntervalMs }),
    onProgress: (progress) => options.view?.progress(progress),
  });
  for await (const instance of run) {
    const record = update(instance);
    if (record === undefined) continue;
    store.save();
    options.view?.concluded(record);
  }
  const report = await run.report;
  for (const instance of report.instances) update(instance);
  for (const note of report.notes) if (!store.report.notes.includes(note)) store.report.notes.push(note);
  if (toFollow(store.report.instances).length === 0) store.report.phase = "done";
  store.save();
  options.view?.finish();
  return { followed: records.length, report };
}
