// The service-independent follower: a state machine per instance, fed by a service's poller. It decides
// when to poll whom (backoff with jitter, estimates from progress and from jobs already finished), keeps
// the request rate bounded, survives poll failures (retried later; never a resubmission: pollers only
// read), and concludes every instance exactly once.
import type { FollowedInstance, FollowProgress, FollowState } from "./follow-types.js";
import { countStates } from "./follow-types.js";
import { backoff, jittered, RateLimiter, type BackoffPolicy, type FollowClock } from "./pacing.js";

/** What a poll showed about one instance's upgrade job. */
export interface Observation {
  state: Exclude<FollowState, "unknown">;
  serverStatus: string;
  jobId?: string | undefined;
  progress?: string | undefined;
  failReason?: string | undefined;
  version?: string | undefined;
  /** A scheduled job's start (epoch ms), when the API shows it. */
  startsAt?: number | undefined;
}

/** Runs one request under the rate bound and the run's signal; counts it. */
export type Send = <T>(call: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

export interface ListingResult {
  seen: Map<string, Observation>;
  /** Every page was read: an instance absent from `seen` is not listed. */
  complete: boolean;
  /** Why the pass stopped early (the pages read before still count). */
  error?: unknown;
  /** Requests the pass needed (pages). */
  pages: number;
}

export interface Poller {
  /**
   * Polls one instance's job: its observation, `undefined` when the API does not list it (yet), or
   * `"unsupported"` when this instance cannot be polled alone (a TaurusDB job whose id is not known
   * yet) and a listing pass is needed. Throws on a failed request.
   */
  pollOne?(instance: FollowedInstance, send: Send): Promise<Observation | undefined | "unsupported">;
  /** One listing pass over every page that can hold the instances' jobs. */
  pass?(instances: readonly FollowedInstance[], send: Send): Promise<ListingResult>;
  /** Rows per listing page, to estimate what a pass costs. */
  pageSize?: number;
}

export interface EngineOptions {
  poller: Poller;
  clock: FollowClock;
  deadline: number;
  signal: AbortSignal | undefined;
  backoff: BackoffPolicy;
  visibilityGraceMs: number;
  maxRequestsPerSecond: number;
  concurrency: number;
  /** Instances polled while no job of the run has completed yet; the rest wait for an estimate. */
  scouts: number;
  /** Turns a poll failure into a message without secrets. */
  describe: (error: unknown) => string;
  onSettle: (instance: FollowedInstance) => void;
  onProgress: ((progress: FollowProgress) => void) | undefined;
}

export interface EngineResult {
  requests: number;
  passes: number;
  pollFailures: number;
  deadlineReached: boolean;
  aborted: boolean;
  notes: string[];
}

interface Track {
  rec: FollowedInstance;
  submittedMs: number;
  nextAt: number;
  /** Polls since the last change of state, for the backoff exponent. */
  unchanged: number;
  failuresInRow: number;
  startsAt: number | undefined;
  /** When a poll last saw it not ended. */
  lastNotEndedAt: number | undefined;
  held: boolean;
  /** When the last estimate said the job would end; a poll after it that finds the job running drops estimates. */
  expectedEnd: number | undefined;
  overdue: boolean;
}

// Never poll one job more often than this, whatever an estimate says.
const MIN_GAP_MS = 250;
// Without an estimate, a job is polled at least every AGE_RATIO of its age: finding it ended late by at
// most that fraction of its duration.
const AGE_RATIO = 0.08;

const iso = (ms: number): string => new Date(ms).toISOString();

function percent(progress: string | undefined): number | undefined {
  const match = progress === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress);
  const value = match ? Number(match[1]) : Number.NaN;
  return value > 0 && value < 100 ? value : undefined;
}

export async function runFollowEngine(instances: FollowedInstance[], options: EngineOptions): Promise<EngineResult> {
  const { poller, clock, signal } = options;
  const limiter = new RateLimiter(options.maxRequestsPerSecond, clock);
  const notes: string[] = [];
  let requests = 0;
  let pollFailures = 0;
  let passes = 0;
  let deadlineReached = false;
  /** Durations (submit -> seen completed) of jobs of this run, the basis of estimates for the others. */
  let learnedMs: number | undefined;
  let latest: FollowedInstance[] = [];

  const send: Send = async (call) => {
    await limiter.acquire(signal);
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    requests++;
    return call(signal);
  };

  const start = clock.now();
  const tracks: Track[] = instances
    .filter((rec) => !rec.final)
    .map((rec) => {
      const submittedMs = Date.parse(rec.submittedAt);
      return {
        rec,
        submittedMs,
        nextAt: Math.max(start, submittedMs + options.backoff.initialMs),
        unchanged: 0,
        failuresInRow: 0,
        startsAt: undefined,
        lastNotEndedAt: undefined,
        held: false,
        expectedEnd: undefined,
        overdue: false,
      };
    })
    .sort((a, b) => a.submittedMs - b.submittedMs);
  tracks.forEach((t, i) => (t.held = i >= options.scouts));

  const open = (): Track[] => tracks.filter((t) => !t.rec.final);

  const settle = (t: Track, state: FollowState, now: number, note?: string): void => {
    t.rec.state = state;
    t.rec.final = true;
    t.rec.settledAt = iso(now);
    if (note !== undefined) t.rec.note = note;
    latest.push(t.rec);
    options.onSettle(t.rec);
  };

  /** When this job should end, if anything tells. */
  const estimateEnd = (t: Track, now: number): number | undefined => {
    const origin = t.startsAt ?? t.submittedMs;
    if (t.startsAt !== undefined && t.startsAt > now) return t.startsAt + (learnedMs ?? 0);
    const p = percent(t.rec.progress ?? undefined);
    // Progress is printed rounded down to a whole percent: the middle of that percent is the best guess.
    if (p !== undefined && t.rec.state === "running" && now > origin)
      return origin + ((now - origin) * 100) / Math.min(99.9, Math.floor(p) + 0.5);
    return learnedMs === undefined ? undefined : t.submittedMs + learnedMs;
  };

  const schedule = (t: Track, now: number): void => {
    if (t.failuresInRow > 0) {
      t.nextAt = now + backoff(options.backoff, t.failuresInRow - 1);
      return;
    }
    // An estimate is trusted until a poll after it still finds the job running (a stuck or slow job).
    if (t.expectedEnd !== undefined && now >= t.expectedEnd && (t.startsAt === undefined || t.startsAt <= now))
      t.overdue = true;
    const end = t.overdue ? undefined : estimateEnd(t, now);
    if (end !== undefined && end > now) {
      // An estimate from early progress is rough: look again halfway, then at the (refined) end.
      const early = percent(t.rec.progress ?? undefined) !== undefined && percent(t.rec.progress ?? undefined)! < 50;
      const wait = early ? (end - now) / 2 : end - now + jittered({ ...options.backoff, maxMs: Infinity }, MIN_GAP_MS);
      if (!early) t.expectedEnd = end;
      t.nextAt = now + Math.min(options.backoff.maxMs, Math.max(MIN_GAP_MS, wait));
      return;
    }
    // Without an estimate: exponential backoff, but never more than AGE_RATIO of the job's age apart.
    const age = now - (t.startsAt ?? t.submittedMs);
    const cap = Math.max(options.backoff.initialMs, AGE_RATIO * age, MIN_GAP_MS);
    t.nextAt =
      now + Math.max(MIN_GAP_MS, Math.min(backoff(options.backoff, t.unchanged), jittered(options.backoff, cap)));
  };

  const observe = (t: Track, seen: Observation | undefined, now: number): void => {
    const rec = t.rec;
    rec.polls++;
    t.failuresInRow = 0;
    if (seen === undefined) {
      const last = rec.lastSeenAt === null ? undefined : Date.parse(rec.lastSeenAt);
      const since = last ?? t.submittedMs;
      if (now - since > options.visibilityGraceMs) {
        settle(
          t,
          "unknown",
          now,
          last === undefined
            ? `not listed within the visibility grace period (${options.visibilityGraceMs} ms after submission)`
            : `the job is no longer listed (last seen ${rec.serverStatus ?? "?"} at ${rec.lastSeenAt})`,
        );
      } else {
        t.unchanged++;
        schedule(t, now);
      }
      return;
    }
    const changed = seen.state !== rec.state;
    rec.state = seen.state;
    rec.serverStatus = seen.serverStatus;
    if (seen.jobId !== undefined) rec.jobId = seen.jobId;
    rec.progress = seen.progress ?? null;
    if (seen.failReason !== undefined && seen.failReason !== "") rec.failReason = seen.failReason;
    if (seen.version !== undefined) rec.version = seen.version;
    rec.firstSeenAt ??= iso(now);
    rec.lastSeenAt = iso(now);
    t.startsAt = seen.startsAt;
    if (seen.state === "completed" || seen.state === "failed" || seen.state === "cancelled") {
      if (seen.state === "completed") learn(t, now);
      settle(t, seen.state, now);
      return;
    }
    t.lastNotEndedAt = now;
    t.unchanged = changed ? 0 : t.unchanged + 1;
    schedule(t, now);
  };

  // The first completion gives every waiting job an estimate: same kind of job, same fleet.
  const learn = (t: Track, now: number): void => {
    const duration = now - (t.startsAt ?? t.submittedMs);
    if (learnedMs !== undefined && learnedMs <= duration) return;
    learnedMs = duration;
    for (const other of open()) {
      if (other === t || !other.held) continue;
      other.held = false;
      other.nextAt = Math.max(now, (other.startsAt ?? other.submittedMs) + duration);
    }
  };

  const failed = (t: Track, error: unknown, now: number): void => {
    t.rec.pollFailures++;
    t.rec.lastPollError = options.describe(error);
    t.failuresInRow++;
    schedule(t, now);
  };

  // A scout that concluded without completing leaves its place to a waiting job.
  const promote = (now: number): void => {
    if (learnedMs !== undefined) return;
    const active = open().filter((t) => !t.held).length;
    for (const t of open()
      .filter((x) => x.held)
      .slice(0, Math.max(0, options.scouts - active))) {
      t.held = false;
      t.nextAt = Math.min(t.nextAt, now);
    }
  };

  const runPass = async (): Promise<void> => {
    const pending = open();
    passes++;
    let result: ListingResult;
    try {
      result = await poller.pass!(
        pending.map((t) => t.rec),
        send,
      );
    } catch (error) {
      result = { seen: new Map(), complete: false, error, pages: 1 };
    }
    const now = clock.now();
    if (result.error !== undefined && !signal?.aborted) {
      pollFailures++;
      if (!result.complete)
        notes.push(`a listing pass failed after ${result.pages} page(s): ${options.describe(result.error)}`);
    }
    for (const t of pending) {
      const seen = result.seen.get(t.rec.instanceId);
      if (seen !== undefined || result.complete) {
        t.held = false;
        observe(t, seen, now);
      } else if (result.error !== undefined && !signal?.aborted) failed(t, result.error, now);
    }
  };

  const runSingles = async (due: Track[]): Promise<boolean> => {
    let needPass = false;
    const inflight = new Set<Promise<void>>();
    for (const t of due) {
      if (signal?.aborted) break;
      while (inflight.size >= options.concurrency) await Promise.race(inflight);
      const task = (async () => {
        try {
          const seen = await poller.pollOne!(t.rec, send);
          if (seen === "unsupported") {
            needPass = true;
            return;
          }
          observe(t, seen, clock.now());
        } catch (error) {
          if (signal?.aborted) return;
          pollFailures++;
          failed(t, error, clock.now());
        }
      })();
      const tracked: Promise<void> = task.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
    }
    await Promise.all(inflight);
    return needPass;
  };

  const progress = (): void => {
    if (options.onProgress === undefined) return;
    const snapshot = latest;
    latest = [];
    try {
      options.onProgress({
        counts: countStates(instances),
        settled: instances.filter((i) => i.final).length,
        total: instances.length,
        requests,
        latest: snapshot,
      });
    } catch (error) {
      notes.push(`onProgress threw: ${options.describe(error)}`);
    }
  };

  while (open().length > 0 && !signal?.aborted) {
    const now = clock.now();
    if (now >= options.deadline) {
      deadlineReached = true;
      break;
    }
    const candidates = open();
    const due = candidates.filter((t) => !t.held && t.nextAt <= now).sort((a, b) => a.nextAt - b.nextAt);
    if (due.length === 0) {
      const wake = Math.min(
        options.deadline,
        ...candidates.map((t) => (t.held ? t.submittedMs + options.backoff.maxMs * 4 : t.nextAt)),
      );
      // Waiting jobs wait for an estimate, but never longer than a few backoff caps.
      for (const t of candidates) if (t.held && t.submittedMs + options.backoff.maxMs * 4 <= now) t.held = false;
      // A clock that did not move (or a NaN time) must not spin: wait at least the minimum gap.
      await clock.sleep(wake > now ? wake - now : MIN_GAP_MS, signal);
      continue;
    }
    const passCost =
      poller.pass === undefined ? Infinity : Math.max(1, Math.ceil(candidates.length / (poller.pageSize ?? 50)));
    const usePass = poller.pollOne === undefined || due.length > passCost;
    if (usePass) await runPass();
    else if (await runSingles(due)) await runPass();
    promote(clock.now());
    progress();
  }

  // Whatever did not conclude keeps the state it was last seen in (or `unknown` if never seen).
  for (const t of open())
    if (t.rec.note === null && t.rec.lastSeenAt === null)
      t.rec.note = t.rec.polls === 0 ? "not polled before following stopped" : "not listed yet when following stopped";
  return { requests, passes, pollFailures, deadlineReached, aborted: signal?.aborted === true, notes };
}
