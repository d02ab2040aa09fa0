// The service-independent follower: a state machine per instance, fed by a service's poller. The policy
// (follow-policy.ts) decides when to poll whom and with which request; this loop owns the state, sends
// under the rate bound, survives poll failures (retried later; never a resubmission: pollers only read),
// and concludes every instance exactly once.
import type { FollowedInstance, FollowProgress, FollowState } from "./follow-types.js";
import { countStates } from "./follow-types.js";
import { chooseRound, learnedDuration, MIN_GAP_MS, nextPoll, pastEstimate } from "./follow-policy.js";
import { RateLimiter, type BackoffPolicy, type FollowClock } from "./pacing.js";

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
  /** When the server says the job was created (epoch ms, its clock), where the spec declares the field. */
  createdAt?: number | undefined;
  /** When the server says the job ended (epoch ms, its clock), where the spec declares the field. */
  endedAt?: number | undefined;
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

export interface PassLimits {
  /** Read only this many pages (a scout). */
  maxPages?: number | undefined;
  /** A server time (epoch ms) every followed job was created after: the listing may start there. */
  since?: number | undefined;
}

export interface Poller {
  /**
   * Polls one instance's job: its observation, `undefined` when the API does not list it (yet), or
   * `"unsupported"` when this instance cannot be polled alone (a TaurusDB job whose id is not known
   * yet) and a listing pass is needed. Throws on a failed request.
   */
  pollOne?(instance: FollowedInstance, send: Send): Promise<Observation | undefined | "unsupported">;
  /**
   * One listing pass over every page that can hold the instances' jobs, newest first; with `maxPages`, only
   * that many pages (a scout: `complete` is then true only when those were all the pages).
   */
  pass?(instances: readonly FollowedInstance[], send: Send, limits?: PassLimits): Promise<ListingResult>;
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
  /** A job duration known before the run (a previous wave's): the estimate until this run learns its own. */
  estimateMs?: number | undefined;
  /** A server time every job of the run was created after: listing passes start there (see listingStart). */
  listedSince?: number | undefined;
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
  /** The shortest job duration seen (submit -> seen completed), else the estimate given. */
  learnedMs: number | undefined;
  /** The newest server time a row of the run showed: a job's creation, or its end where the rows say. */
  newestJobTime: number | undefined;
}

interface Track {
  rec: FollowedInstance;
  submittedMs: number;
  nextAt: number;
  /** Polls since the last change of state, for the backoff exponent. */
  unchanged: number;
  failuresInRow: number;
  startsAt: number | undefined;
  held: boolean;
  /** Since when it is held (its submission, or the scout that put it on hold). */
  heldSince: number;
  /** Released by the hold limit, not observed since. */
  released: boolean;
  /** Its scheduled start, else its submission (kept current for the round chooser). */
  origin: number;
  /** When the last estimate said the job would end; a poll after it that finds the job running drops estimates. */
  expectedEnd: number | undefined;
  overdue: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

// Waiting jobs wait for an estimate, but never longer than this many backoff caps after submission.
const HOLD_LIMIT_CAPS = 4;

/** One follow run: its tracks, counters and learned duration are its own; `run()` drives it to the end. */
class FollowLoop {
  readonly #options: EngineOptions;
  readonly #instances: FollowedInstance[];
  readonly #tracks: Track[];
  readonly #limiter: RateLimiter;
  readonly #notes: string[] = [];
  #requests = 0;
  #pollFailures = 0;
  #passes = 0;
  /** The shortest duration (submit -> seen completed) of a job of this run: the estimate for the others. */
  #learnedMs: number | undefined;
  /** Concluded since the last progress report. */
  #latest: FollowedInstance[] = [];
  #newestJobTime: number | undefined;
  /** The last scout page showed none of the open jobs, though the listing had more pages. */
  #scoutBlind = false;

  constructor(instances: FollowedInstance[], options: EngineOptions) {
    this.#options = options;
    this.#instances = instances;
    this.#limiter = new RateLimiter(options.maxRequestsPerSecond, options.clock);
    const start = options.clock.now();
    // A carried estimate stands for a first completion: no scouting, every job polled at its estimated end.
    const estimate = options.estimateMs;
    this.#learnedMs = estimate !== undefined && Number.isFinite(estimate) && estimate >= 0 ? estimate : undefined;
    // Just past the estimate: a job is not looked at the very moment it should end.
    const learned = this.#learnedMs;
    const firstPoll = learned === undefined ? options.backoff.initialMs : learned + pastEstimate(learned);
    this.#tracks = instances
      .filter((rec) => !rec.final)
      .map((rec): Track => {
        const submittedMs = Date.parse(rec.submittedAt);
        return {
          rec,
          submittedMs,
          nextAt: Math.max(start, submittedMs + firstPoll),
          unchanged: 0,
          failuresInRow: 0,
          startsAt: undefined,
          held: false,
          heldSince: submittedMs,
          released: false,
          origin: submittedMs,
          expectedEnd: undefined,
          overdue: false,
        };
      })
      .sort((a, b) => a.submittedMs - b.submittedMs);
    if (this.#learnedMs === undefined) this.#tracks.forEach((t, i) => (t.held = i >= options.scouts));
  }

  async run(): Promise<EngineResult> {
    const { clock, signal, poller, deadline } = this.#options;
    let deadlineReached = false;
    while (this.#open().length > 0 && !signal?.aborted) {
      const now = clock.now();
      if (now >= deadline) {
        deadlineReached = true;
        break;
      }
      const round = chooseRound({
        now,
        deadline,
        open: this.#open().map((t) => Object.assign(t, { origin: t.startsAt ?? t.submittedMs })),
        canPollOne: poller.pollOne !== undefined,
        canPass: poller.pass !== undefined,
        pageSize: poller.pageSize ?? 50,
        learned: this.#learnedMs !== undefined,
        holdLimitMs: this.#options.backoff.maxMs * HOLD_LIMIT_CAPS,
        scoutBlind: this.#scoutBlind,
      });
      if (round.kind === "wait") {
        for (const t of round.release) {
          t.held = false;
          t.released = true;
        }
        // A clock that did not move (or a NaN time) must not spin: wait at least the minimum gap.
        await clock.sleep(round.until > now ? round.until - now : MIN_GAP_MS, signal);
        continue;
      }
      if (round.kind === "pass") await this.#pass();
      else if (round.kind === "scout") await this.#pass(1);
      else if (await this.#singles(round.due)) await this.#pass();
      this.#promote(clock.now());
      this.#progress();
    }
    // Whatever did not conclude keeps the state it was last seen in (or `unknown` if never seen).
    for (const t of this.#open())
      if (t.rec.note === null && t.rec.lastSeenAt === null)
        t.rec.note =
          t.rec.polls === 0 ? "not polled before following stopped" : "not listed yet when following stopped";
    return {
      requests: this.#requests,
      passes: this.#passes,
      pollFailures: this.#pollFailures,
      deadlineReached,
      aborted: signal?.aborted === true,
      notes: this.#notes,
      learnedMs: this.#learnedMs,
      newestJobTime: this.#newestJobTime,
    };
  }

  readonly #send: Send = async (call) => {
    const { signal } = this.#options;
    await this.#limiter.acquire(signal);
    if (signal?.aborted) throw signal.reason ?? new Error("aborted");
    this.#requests++;
    return call(signal);
  };

  #open(): Track[] {
    return this.#tracks.filter((t) => !t.rec.final);
  }

  #settle(t: Track, state: FollowState, now: number, note?: string): void {
    t.rec.state = state;
    t.rec.final = true;
    t.rec.settledAt = iso(now);
    if (note !== undefined) t.rec.note = note;
    this.#latest.push(t.rec);
    this.#options.onSettle(t.rec);
  }

  #schedule(t: Track, now: number): void {
    const next = nextPoll(
      {
        submittedMs: t.submittedMs,
        startsAt: t.startsAt,
        state: t.rec.state,
        progress: t.rec.progress,
        seen: t.rec.lastSeenAt !== null,
        unchanged: t.unchanged,
        failuresInRow: t.failuresInRow,
        expectedEnd: t.expectedEnd,
        overdue: t.overdue,
      },
      this.#learnedMs,
      now,
      this.#options.backoff,
    );
    t.nextAt = next.at;
    t.expectedEnd = next.expectedEnd;
    t.overdue = next.overdue;
  }

  #observe(t: Track, seen: Observation | undefined, now: number): void {
    const rec = t.rec;
    const grace = this.#options.visibilityGraceMs;
    rec.polls++;
    t.failuresInRow = 0;
    t.released = false;
    if (seen === undefined) {
      const last = rec.lastSeenAt === null ? undefined : Date.parse(rec.lastSeenAt);
      if (now - (last ?? t.submittedMs) > grace) {
        this.#settle(
          t,
          "unknown",
          now,
          last === undefined
            ? `not listed within the visibility grace period (${grace} ms after submission)`
            : `the job is no longer listed (last seen ${rec.serverStatus ?? "?"} at ${rec.lastSeenAt})`,
        );
      } else {
        t.unchanged++;
        this.#schedule(t, now);
      }
      return;
    }
    const running =
      rec.lastSeenAt !== null && (rec.state === "running" || rec.state === "pending")
        ? { at: Date.parse(rec.lastSeenAt), expectedEnd: t.expectedEnd }
        : undefined;
    const changed = seen.state !== rec.state;
    rec.state = seen.state;
    rec.serverStatus = seen.serverStatus;
    if (seen.jobId !== undefined) rec.jobId = seen.jobId;
    rec.progress = seen.progress ?? null;
    if (seen.failReason !== undefined && seen.failReason !== "") rec.failReason = seen.failReason;
    if (seen.version !== undefined) rec.version = seen.version;
    for (const time of [seen.createdAt, seen.endedAt])
      if (time !== undefined && !(time <= (this.#newestJobTime ?? -Infinity))) this.#newestJobTime = time;
    rec.firstSeenAt ??= iso(now);
    rec.lastSeenAt = iso(now);
    t.startsAt = seen.startsAt;
    if (seen.state === "completed" || seen.state === "failed" || seen.state === "cancelled") {
      if (seen.state === "completed") this.#learn(t, now, running);
      this.#settle(t, seen.state, now);
      return;
    }
    t.unchanged = changed ? 0 : t.unchanged + 1;
    this.#schedule(t, now);
  }

  // The first completion gives every waiting job an estimate: same kind of job, same fleet.
  #learn(t: Track, now: number, running: Parameters<typeof learnedDuration>[2]): void {
    const duration = learnedDuration(t.startsAt ?? t.submittedMs, now, running);
    if (this.#learnedMs !== undefined && this.#learnedMs <= duration) return;
    this.#learnedMs = duration;
    for (const other of this.#open()) {
      if (other === t || !other.held) continue;
      other.held = false;
      other.nextAt = Math.max(now, (other.startsAt ?? other.submittedMs) + duration + pastEstimate(duration));
    }
  }

  #failed(t: Track, error: unknown, now: number): void {
    t.rec.pollFailures++;
    t.rec.lastPollError = this.#options.describe(error);
    t.failuresInRow++;
    this.#schedule(t, now);
  }

  // A scout that concluded without completing leaves its place to a waiting job.
  #promote(now: number): void {
    if (this.#learnedMs !== undefined) return;
    const open = this.#open();
    const active = open.filter((t) => !t.held).length;
    for (const t of open.filter((x) => x.held).slice(0, Math.max(0, this.#options.scouts - active))) {
      t.held = false;
      t.nextAt = Math.min(t.nextAt, now);
    }
  }

  /** A listing pass (all pages, or `maxPages` of them: a scout) applied to the open jobs. */
  async #pass(maxPages?: number): Promise<void> {
    const { poller, signal, describe, clock } = this.#options;
    const pending = this.#open();
    const due = new Set(pending.filter((t) => !t.held && t.nextAt <= clock.now()));
    // A scout's page (the newest jobs) scouts for every job it does not show: those wait for its estimate.
    // An empty page says the run's jobs are not listed yet: the due ones are polled again later.
    this.#passes++;
    let result: ListingResult;
    try {
      result = await poller.pass!(
        pending.map((t) => t.rec),
        this.#send,
        { maxPages, since: this.#options.listedSince },
      );
    } catch (error) {
      result = { seen: new Map(), complete: false, error, pages: 1 };
    }
    const now = clock.now();
    if (maxPages !== undefined)
      this.#scoutBlind = !result.complete && result.error === undefined && result.seen.size === 0;
    const failedPass = result.error !== undefined && !signal?.aborted;
    if (failedPass) {
      this.#pollFailures++;
      if (!result.complete)
        this.#notes.push(`a listing pass failed after ${result.pages} page(s): ${describe(result.error)}`);
    }
    const othersSeen = result.seen.size > 0;
    for (const t of pending) {
      const seen = result.seen.get(t.rec.instanceId);
      if (seen !== undefined || result.complete) {
        t.held = false;
        this.#observe(t, seen, now);
      } else if (failedPass) this.#failed(t, result.error, now);
      else if (othersSeen && !t.released) {
        if (!t.held) t.heldSince = now;
        t.held = true;
      } else if (due.has(t)) {
        t.unchanged++;
        this.#schedule(t, now);
      }
    }
  }

  /** Polls each due job on its own; true when one cannot be polled alone and a pass is needed. */
  async #singles(due: Track[]): Promise<boolean> {
    const { poller, signal, concurrency, clock } = this.#options;
    let needPass = false;
    const inflight = new Set<Promise<void>>();
    for (const t of due) {
      if (signal?.aborted) break;
      while (inflight.size >= concurrency) await Promise.race(inflight);
      const task = (async () => {
        try {
          const seen = await poller.pollOne!(t.rec, this.#send);
          if (seen === "unsupported") {
            needPass = true;
            return;
          }
          this.#observe(t, seen, clock.now());
        } catch (error) {
          if (signal?.aborted) return;
          this.#pollFailures++;
          this.#failed(t, error, clock.now());
        }
      })();
      const tracked: Promise<void> = task.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
    }
    await Promise.all(inflight);
    return needPass;
  }

  #progress(): void {
    const { onProgress, describe } = this.#options;
    if (onProgress === undefined) return;
    const snapshot = this.#latest;
    this.#latest = [];
    try {
      onProgress({
        counts: countStates(this.#instances),
        settled: this.#instances.filter((i) => i.final).length,
        total: this.#instances.length,
        requests: this.#requests,
        latest: snapshot,
      });
    } catch (error) {
      this.#notes.push(`onProgress threw: ${describe(error)}`);
    }
  }
}

export function runFollowEngine(instances: FollowedInstance[], options: EngineOptions): Promise<EngineResult> {
  return new FollowLoop(instances, options).run();
}
