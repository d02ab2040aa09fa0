// plan -> submit -> follow in one call (each service's `...AndWait` in services/<api>/compose.ts).
// `dryRun` stops after the plan; the report keeps every stage for every planned instance, as plain JSON data.
import type { ApiName } from "@dbupgrade/meta";
import type { BatchOptions } from "../batch/run-batches.js";
import type { BatchReport, OutcomeCounts } from "../batch/report.js";
import type { FollowOptions } from "./follow-run.js";
import type { FollowedInstance, FollowReport } from "./follow-types.js";
import type { PlanOptions } from "./plan.js";
import type { PlanRow, UpgradePlan } from "./plan-types.js";
import type { InstanceSelector } from "./selector.js";

export interface ComposeOptions {
  selector?: InstanceSelector;
  /** Stop after the plan: nothing is submitted. */
  dryRun?: boolean;
  /** Instances per request (the plan's chunks are exactly what is sent). */
  chunkSize?: number;
  grouping?: PlanOptions["grouping"];
  /** Options of the batch helper (concurrency, retry, onProgress, onSend). */
  batch?: Omit<BatchOptions<never>, "chunkSize" | "signal" | "onProgress"> & {
    onProgress?: BatchOptions<any>["onProgress"];
  };
  /** Options of the follower (deadline, intervals, rate, onProgress, ...). */
  follow?: Omit<FollowOptions, "signal">;
  /** Aborts whichever stage is running; the report says how far it got. */
  signal?: AbortSignal;
}

/** A batch outcome as JSON (its error, when failed, is the error's JSON form). */
export type JsonOutcome = { status: string; instanceId: string } & Record<string, unknown>;

/** The batch reports of the plan's groups, merged, as JSON data. */
export interface JsonBatchReport {
  api: ApiName;
  operationId: string;
  startedAt: string;
  outcomes: JsonOutcome[];
  counts: OutcomeCounts;
  requests: number;
  aborted: boolean;
  notes: string[];
  delay?: boolean;
  startTime?: string;
}

export interface RunInstance {
  instanceId: string;
  plan: PlanRow;
  submit: JsonOutcome | null;
  follow: FollowedInstance | null;
}

export interface UpgradeRunReport<Input> {
  kind: "dbupgrade.run";
  version: 1;
  api: ApiName;
  dryRun: boolean;
  plan: UpgradePlan<Input>;
  submit: JsonBatchReport | null;
  follow: FollowReport | null;
  /** Every planned row once, with what each later stage did with it. */
  instances: RunInstance[];
}

export type AnyBatchReport = BatchReport<{
  status: "submitted" | "rejected" | "failed" | "skipped";
  instanceId: string;
}> & {
  delay?: boolean;
  startTime?: string;
};

function mergeReports(api: ApiName, reports: AnyBatchReport[], operationId: string): JsonBatchReport {
  const json = JSON.parse(JSON.stringify(reports)) as AnyBatchReport[];
  const counts: OutcomeCounts = { submitted: 0, rejected: 0, failed: 0, skipped: 0 };
  for (const r of json) for (const key of Object.keys(counts) as (keyof OutcomeCounts)[]) counts[key] += r.counts[key];
  return {
    api,
    operationId: json[0]?.operationId ?? operationId,
    startedAt: json[0]?.startedAt ?? new Date().toISOString(),
    outcomes: json.flatMap((r) => r.outcomes as unknown as JsonOutcome[]),
    counts,
    requests: json.reduce((n, r) => n + r.requests, 0),
    aborted: json.some((r) => r.aborted),
    notes: json.flatMap((r) => r.notes),
    ...(json[0]?.delay === undefined ? {} : { delay: json[0].delay }),
    ...(json[0]?.startTime === undefined ? {} : { startTime: json[0].startTime }),
  };
}

export async function compose<Input>(
  api: ApiName,
  operationId: string,
  options: ComposeOptions,
  plan: UpgradePlan<Input>,
  submitGroup: (group: string, inputs: Input[], batchOptions: BatchOptions<any>) => Promise<AnyBatchReport>,
  follow: (source: JsonBatchReport, options: FollowOptions) => Promise<FollowReport>,
): Promise<UpgradeRunReport<Input>> {
  const base = { kind: "dbupgrade.run" as const, version: 1 as const, api, plan };
  const stages = (submit: JsonBatchReport | null, followed: FollowReport | null): RunInstance[] => {
    const outcomes = new Map(submit?.outcomes.map((o) => [o.instanceId, o]));
    const followedBy = new Map(followed?.instances.map((i) => [i.instanceId, i]));
    return plan.rows.map((row) => ({
      instanceId: row.instanceId,
      plan: row,
      submit: outcomes.get(row.instanceId) ?? null,
      follow: followedBy.get(row.instanceId) ?? null,
    }));
  };
  if (options.dryRun === true)
    return { ...base, dryRun: true, submit: null, follow: null, instances: stages(null, null) };
  const reports: AnyBatchReport[] = [];
  for (const batch of plan.batches) {
    reports.push(
      await submitGroup(batch.group, batch.inputs, {
        ...options.batch,
        chunkSize: plan.chunkSize,
        signal: options.signal,
      }),
    );
  }
  const submit = mergeReports(api, reports, operationId);
  const followed =
    submit.counts.submitted === 0 ? null : await follow(submit, { ...options.follow, signal: options.signal });
  return { ...base, dryRun: false, submit, follow: followed, instances: stages(submit, followed) };
}

export const planOptions = (options: ComposeOptions) => ({
  selector: options.selector,
  chunkSize: options.chunkSize,
  grouping: options.grouping,
  signal: options.signal,
});
