// followUpgrades' machinery apart from the services: options, the async iterator, the final report.
import type { ApiName } from "@dbupgrade/meta";
import { DbUpgradeError } from "../errors.js";
import type { Redactor } from "../redact.js";
import { runFollowEngine, type Poller } from "./follow-engine.js";
import { normalizeSource, type FollowSource, type NormalizedSource } from "./follow-source.js";
import { countStates, type FollowedInstance, type FollowProgress, type FollowReport } from "./follow-types.js";
import { realClock, type FollowClock } from "./pacing.js";

export interface FollowOptions {
  /** When to stop following (epoch ms or a Date). Default: 2 hours from the start. */
  deadline?: number | Date;
  /** Stops following; the report then holds what was known (aborted: true). Never rejects. */
  signal?: AbortSignal;
  /** Called after each round of polls. Exceptions it throws are noted in the report. */
  onProgress?: (progress: FollowProgress) => void;
  /** First poll this long after submission; also the backoff base. Default 5 000. */
  initialIntervalMs?: number;
  /** Longest wait between two polls of one job. Default 60 000. */
  maxIntervalMs?: number;
  /** Backoff growth per unchanged poll. Default 2. */
  backoffFactor?: number;
  /** Delays are spread by ±jitter (a fraction). Default 0.2. */
  jitter?: number;
  /** "Not found" counts as not visible yet for this long after submission (or after last seen). Default 60 000. */
  visibilityGraceMs?: number;
  /** Bound on poll requests started per second. Default 10. */
  maxRequestsPerSecond?: number;
  /** Poll requests in flight at once. Default 4. */
  concurrency?: number;
  /** Jobs polled before any has completed (the rest wait for the first duration). Default 3. */
  scouts?: number;
  /**
   * A job duration known beforehand (e.g. `report.jobDurationMs` of an earlier follow of the same kind of
   * job, as a rollout's previous wave): jobs are first polled at it, without scouting. Default: learned.
   */
  jobDurationMs?: number;
  /**
   * A server time every job followed was created after (e.g. `report.newestJobTime` of the follow of an
   * earlier wave, whose jobs all ended before these were submitted): listing passes start there instead of
   * a clock-skew margin before the earliest submission.
   */
  listedSince?: number | Date | string;
  /** TaurusDB: whether the upgrades were deferred (`delay: true`), when the source does not say. */
  delay?: boolean;
  /** Time source (tests use virtual time). Default the real clock. */
  clock?: FollowClock;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
}

/** A run in progress: iterate it for instances as they conclude, or await `report`. */
export interface FollowRun extends AsyncIterable<FollowedInstance> {
  /** Resolves when following stops (everything concluded, deadline, or signal); poll failures never reject it. */
  readonly report: Promise<FollowReport>;
}

export interface ServiceFollow {
  poller: Poller;
  redact: Redactor;
}

function positive(value: number | undefined, fallback: number, what: string, min = 0): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min) throw new RangeError(`followUpgrades: ${what} must be a finite number >= ${min}`);
  return v;
}

function sinceOf(value: FollowOptions["listedSince"]): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : value;
  if (!Number.isFinite(ms)) throw new RangeError("followUpgrades: listedSince must be a valid time");
  return ms;
}

export function describeError(redact: Redactor): (error: unknown) => string {
  return (error) =>
    error instanceof DbUpgradeError
      ? error.message
      : redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

export function startFollow(
  source: FollowSource,
  options: FollowOptions,
  service: (normalized: NormalizedSource) => ServiceFollow,
): FollowRun {
  const normalized = normalizeSource(source);
  const clock = options.clock ?? realClock;
  const startedAt = clock.now();
  const deadline =
    options.deadline === undefined
      ? startedAt + 2 * 3_600_000
      : typeof options.deadline === "number"
        ? options.deadline
        : options.deadline.getTime();
  if (Number.isNaN(deadline)) throw new RangeError("followUpgrades: deadline must be a valid time");
  const initialMs = positive(options.initialIntervalMs, 5_000, "initialIntervalMs", 1);
  const backoffPolicy = {
    initialMs,
    maxMs: Math.max(initialMs, positive(options.maxIntervalMs, 60_000, "maxIntervalMs", 1)),
    factor: positive(options.backoffFactor, 2, "backoffFactor", 1),
    jitter: Math.min(1, positive(options.jitter, 0.2, "jitter")),
    random: options.random ?? Math.random,
  };
  const concurrency = positive(options.concurrency, 4, "concurrency", 1);
  const scouts = positive(options.scouts, 3, "scouts", 1);
  if (!Number.isInteger(concurrency) || !Number.isInteger(scouts))
    throw new RangeError("followUpgrades: concurrency and scouts must be integers");
  const { poller, redact } = service(normalized);

  // The iterator's queue: every instance is pushed once, when it concludes or when the run ends.
  const queue: FollowedInstance[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const push = (instance: FollowedInstance): void => {
    queue.push(structuredClone(instance));
    wake?.();
  };
  for (const instance of normalized.instances) if (instance.final) push(instance);

  const report = runFollowEngine(normalized.instances, {
    poller,
    clock,
    deadline,
    signal: options.signal,
    backoff: backoffPolicy,
    visibilityGraceMs: positive(options.visibilityGraceMs, 60_000, "visibilityGraceMs"),
    maxRequestsPerSecond: positive(options.maxRequestsPerSecond, 10, "maxRequestsPerSecond", Number.MIN_VALUE),
    concurrency,
    scouts,
    estimateMs: options.jobDurationMs === undefined ? undefined : positive(options.jobDurationMs, 0, "jobDurationMs"),
    listedSince: sinceOf(options.listedSince),
    describe: describeError(redact),
    onSettle: push,
    onProgress: options.onProgress,
  })
    .then((result): FollowReport => {
      for (const instance of normalized.instances) if (!instance.final) push(instance);
      return {
        kind: "dbupgrade.follow",
        version: 1,
        api: normalized.api as ApiName,
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(clock.now()).toISOString(),
        instances: normalized.instances,
        counts: countStates(normalized.instances),
        requests: result.requests,
        passes: result.passes,
        pollFailures: result.pollFailures,
        deadlineReached: result.deadlineReached,
        aborted: result.aborted,
        ...(normalized.api === "taurusdb" ? { delay: normalized.delay ?? options.delay ?? false } : {}),
        notes: [...normalized.notes, ...result.notes],
        ...(result.learnedMs === undefined ? {} : { jobDurationMs: result.learnedMs }),
        ...(result.newestJobTime === undefined ? {} : { newestJobTime: new Date(result.newestJobTime).toISOString() }),
      };
    })
    .finally(() => {
      done = true;
      wake?.();
    });

  let iterated = false;
  return {
    report,
    [Symbol.asyncIterator](): AsyncIterator<FollowedInstance> {
      if (iterated) throw new Error("followUpgrades: a run can be iterated once");
      iterated = true;
      return {
        next: async () => {
          for (;;) {
            const instance = queue.shift();
            if (instance !== undefined) return { value: instance, done: false };
            if (done) {
              await report;
              return { value: undefined, done: true };
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
        },
      };
    },
  };
}
