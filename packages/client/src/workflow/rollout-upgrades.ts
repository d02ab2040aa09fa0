// rolloutUpgrades: a plan's eligible instances in waves (a canary, then fixed-size waves), each sent
// with the service's batch helper and followed to its end before the next starts, with an error
// threshold that stops sending. Built from the plan, the batch helpers, the follower and runRollout.
import type { ApiName } from "@dbupgrade/meta";
import type { DdsClient } from "../services/dds/client.js";
import type { GaussDbClient } from "../services/gaussdb/client.js";
import type { GeminiDbClient } from "../services/geminidb/client.js";
import type { TaurusDbClient } from "../services/taurusdb/client.js";
import type { BatchOutcome, BatchReport } from "../batch/report.js";
import { DEFAULT_CONCURRENCY, type BatchOptions } from "../batch/run-batches.js";
import { upgradeServices } from "../services/registry.js";
import type { TaurusDbInstance } from "../services/taurusdb/batches.js";
import { followUpgrades } from "./follow.js";
import type { FollowOptions } from "./follow-run.js";
import type { FollowedInstance } from "./follow-types.js";
import { NOT_EXPOSED, type UpgradePlan } from "./plan-types.js";
import { runRollout, type RolloutRunOptions, type RolloutRunResult, type WaveEvents } from "./rollout.js";
import {
  carryForward,
  parseAmount,
  planWaves,
  type Amount,
  type PlannedWave,
  type WaveCarry,
} from "./rollout-policy.js";

export type RolloutClient = GeminiDbClient | DdsClient | TaurusDbClient | GaussDbClient;

export interface RolloutOptions extends Omit<RolloutRunOptions, "maxErrors" | "history" | "done"> {
  /** The first wave, alone: N instances (`2`) or a percentage of them (`"5%"`). */
  canary?: Amount | number | string;
  /** Each later wave: N instances or a percentage of all of them. Default: the rest in one wave. */
  waveSize?: Amount | number | string;
  /** Stop sending when more than N errors, or more than N % of the instances started so far, are counted. */
  maxErrors?: Amount | number | string;
  /** `plan`: the plan's row order (default); `group`: the plan's request order (grouped by engine/version). */
  order?: "plan" | "group";
  /** Options of the batch helper (concurrency, retry, time source). */
  batch?: Pick<BatchOptions<never>, "concurrency" | "retry" | "now">;
  /** Options of the follower, per wave (intervals, deadline). */
  follow?: Omit<FollowOptions, "signal">;
  /** TaurusDB: upgrade in the maintenance window. */
  delay?: boolean;
  /** openGauss: when the hot patches start (the plan's offered version is the target). */
  startTime?: Date;
}

export interface RolloutReport extends RolloutRunResult {
  kind: "dbupgrade.rollout";
  api: ApiName;
  planned: PlannedWave[];
  /** Per instance: the submission outcome and the follower's last word, as JSON. */
  outcomes: Record<string, { submit: unknown; follow: FollowedInstance | null }>;
  /** Upgrade requests sent. */
  requests: number;
  /** Requests the follower made (job and task reads), over every wave. */
  followRequests: number;
  /**
   * Follower requests per wave (index order of the waves that ran), its listing passes among them, and the
   * job duration it ended with (carried to the next wave as its estimate).
   */
  followPerWave: { requests: number; passes: number; jobDurationMs?: number }[];
}

const amountOf = (value: Amount | number | string | undefined, what: string, min: number): Amount | undefined =>
  value === undefined
    ? undefined
    : typeof value === "number"
      ? parseAmount(String(value), what, min)
      : typeof value === "string"
        ? parseAmount(value, what, min)
        : value;

type Send = (
  inputs: unknown[],
  group: string,
  options: BatchOptions<BatchOutcome>,
) => Promise<BatchReport<BatchOutcome>>;

function senderOf(client: RolloutClient, options: RolloutOptions): Send {
  const service = upgradeServices[client.api];
  // The settings a service needs to submit (TaurusDB delay, openGauss start time) are declared in its
  // registry entry; the target version of a wave is its plan group.
  for (const [name, use] of Object.entries(service.settings))
    if (use === "required" && name !== "targetVersion" && options[name as keyof RolloutOptions] === undefined)
      throw new TypeError(`${client.api}: ${name} is required`);
  if (options.delay !== undefined && typeof options.delay !== "boolean")
    throw new TypeError(`${client.api}: delay must be a boolean`);
  if (options.startTime !== undefined && !(options.startTime instanceof Date))
    throw new TypeError(`${client.api}: startTime must be a Date`);
  return (inputs, target, o) =>
    service.submit(client, inputs, {
      ...o,
      ...(options.delay === undefined ? {} : { delay: options.delay }),
      ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
      targetVersion: target,
    });
}

const inputId = (input: unknown): string =>
  typeof input === "string" ? input : (input as TaurusDbInstance).instanceId;

/** Reports a concluded follow as the rule counts it; a completed job whose read-back version is not the plan's is not confirmed. */
export function reportConclusion(events: WaveEvents, instance: FollowedInstance, expected: string | undefined): void {
  if (!instance.final) return;
  switch (instance.state) {
    case "completed":
      if (
        instance.version !== null &&
        expected !== undefined &&
        expected !== NOT_EXPOSED &&
        instance.version !== expected
      )
        events.failed(instance.instanceId, "not-confirmed");
      else events.confirmed(instance.instanceId);
      return;
    case "failed":
      events.failed(instance.instanceId, "job-failed");
      return;
    case "cancelled":
      events.failed(instance.instanceId, "job-cancelled");
      return;
    default:
      events.failed(instance.instanceId, "job-lost");
  }
}

/** Reports a submission outcome as the rule counts it. */
export function reportSubmission(events: WaveEvents, outcome: { status: string; instanceId: string }): void {
  if (outcome.status === "rejected") events.failed(outcome.instanceId, "rejected");
  else if (outcome.status === "failed") events.failed(outcome.instanceId, "submit-failed");
}

/**
 * Runs `plan` in waves against `client` (the plan's service). Each wave is sent in rounds of
 * `concurrency` requests (the stop rule is looked at between rounds: a request in flight is never
 * aborted by it), then followed until every member's job has ended; the next wave waits for that,
 * the bake time and `onWave`.
 */
export async function rolloutUpgrades<Input>(
  client: RolloutClient,
  plan: UpgradePlan<Input>,
  options: RolloutOptions = {},
): Promise<RolloutReport> {
  if (client?.api !== plan?.api)
    throw new TypeError(`rolloutUpgrades: the plan is for ${String(plan?.api)}, the client for ${String(client?.api)}`);
  const send = senderOf(client, options);
  const maxErrors = amountOf(options.maxErrors, "maxErrors", 0);
  const eligible = plan.rows.filter((r) => r.eligible);
  const ids = options.order === "group" ? plan.chunks.flat() : eligible.map((r) => r.instanceId);
  const planned = planWaves(ids, {
    canary: amountOf(options.canary, "canary", 1),
    waveSize: amountOf(options.waveSize, "waveSize", 1),
  });
  const expected = new Map(eligible.map((r) => [r.instanceId, r.to]));
  const outcomes: RolloutReport["outcomes"] = {};
  const concurrency = options.batch?.concurrency ?? DEFAULT_CONCURRENCY;
  const round = concurrency * plan.chunkSize;
  let requests = 0;
  let followRequests = 0;
  const followPerWave: RolloutReport["followPerWave"] = [];
  // What one wave's follow learned (job duration, the newest job's creation time) starts the next one's.
  let carry: WaveCarry = {};

  const step = async (wave: PlannedWave, events: WaveEvents, stopSending: AbortSignal) => {
    const members = new Set(wave.members);
    const submitted: BatchOutcome[] = [];
    for (const batch of plan.batches) {
      const inputs = batch.inputs.filter((input) => members.has(inputId(input)));
      for (let at = 0; at < inputs.length && !stopSending.aborted; at += round) {
        const report = await send(inputs.slice(at, at + round), batch.group, {
          ...options.batch,
          chunkSize: plan.chunkSize,
          onSend: (sent) => {
            requests++;
            events.started(sent);
          },
          onProgress: (progress) => {
            for (const outcome of progress.latest) reportSubmission(events, outcome);
          },
        });
        for (const outcome of report.outcomes) {
          outcomes[outcome.instanceId] = { submit: JSON.parse(JSON.stringify(outcome)), follow: null };
          if (outcome.status === "submitted") submitted.push(outcome);
        }
      }
    }
    if (submitted.length === 0) return;
    const run = followUpgrades(
      client,
      {
        api: plan.api,
        outcomes: submitted as never,
        ...(options.delay === undefined ? {} : { delay: options.delay }),
      },
      { ...carry, ...options.follow, ...(options.signal ? { signal: options.signal } : {}) },
    );
    for await (const instance of run) reportConclusion(events, instance, expected.get(instance.instanceId));
    const followed = await run.report;
    carry = carryForward(carry, followed);
    followRequests += followed.requests;
    followPerWave.push({
      requests: followed.requests,
      passes: followed.passes,
      ...(followed.jobDurationMs === undefined ? {} : { jobDurationMs: followed.jobDurationMs }),
    });
    for (const instance of followed.instances) {
      const entry = outcomes[instance.instanceId];
      if (entry) entry.follow = instance;
    }
  };

  const result = await runRollout(planned, step, { ...options, maxErrors });
  return {
    kind: "dbupgrade.rollout",
    api: plan.api,
    planned,
    ...result,
    outcomes,
    requests,
    followRequests,
    followPerWave,
  };
}
