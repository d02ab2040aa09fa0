// The follower's polling policy: when to poll a job next, and what the next round of requests is (single
// polls, a one-page scout of a listing, or a full listing pass). Pure functions over plain data: no clock,
// no I/O, no state of their own, so each rule is tested by calling it (test/follow-policy.test.ts).
import type { FollowState } from "./follow-types.js";
import { backoff, jittered, type BackoffPolicy } from "./pacing.js";

/** What the policy reads about one followed job. */
export interface PollTiming {
  submittedMs: number;
  /** A scheduled job's start (epoch ms), when the API shows it. */
  startsAt: number | undefined;
  state: FollowState;
  progress: string | null;
  /** The job has been seen at least once. */
  seen: boolean;
  /** Polls since the last change of state, for the backoff exponent. */
  unchanged: number;
  failuresInRow: number;
  /** When the last estimate said the job would end. */
  expectedEnd: number | undefined;
  /** A poll after the estimated end still found the job running: estimates are no longer trusted for it. */
  overdue: boolean;
}

/** The next poll of one job, and what the policy now believes about its end. */
export interface NextPoll {
  at: number;
  expectedEnd: number | undefined;
  overdue: boolean;
}

// Never poll one job more often than this, whatever an estimate says.
export const MIN_GAP_MS = 250;
// Without an estimate, a job is polled at least every AGE_RATIO of its age: finding it ended late by at
// most that fraction of its duration.
export const AGE_RATIO = 0.08;

// A job created up to this long before its submission was recorded still belongs to it (clock skew).
export const SKEW_MS = 60_000;

/**
 * Where a listing pass starts (epoch ms, read by the server's clock): a skew margin before the earliest
 * submission, but not before `listedSince`, a server time every followed job was created after (the newest
 * creation time a previous wave's follow read: the jobs followed now were submitted after that wave ended,
 * so the bound needs no assumption about the two clocks). Without the bound, a rollout of short waves would
 * read every earlier wave's jobs again in each pass.
 */
export function listingStart(earliestSubmitMs: number, listedSince?: number): number {
  const margin = earliestSubmitMs - SKEW_MS;
  return listedSince !== undefined && Number.isFinite(listedSince) && listedSince > margin
    ? Math.min(listedSince, earliestSubmitMs)
    : margin;
}

/**
 * The duration a job seen completed at `seenAt` teaches (from its origin: scheduled start, else submission).
 * `seenAt - origin` is an upper bound, late by the poll's wait past an estimate and its latency. When the
 * poll before saw the job running with an estimated end (from its progress, or an earlier duration) that
 * falls between that poll and this one, the job ended about then: that estimate is the closer answer.
 */
export function learnedDuration(
  origin: number,
  seenAt: number,
  lastRunning: { at: number; expectedEnd: number | undefined } | undefined,
): number {
  const end = lastRunning?.expectedEnd;
  if (lastRunning !== undefined && end !== undefined && end > lastRunning.at && end < seenAt) return end - origin;
  return seenAt - origin;
}

/**
 * How long past a learned duration a job is first looked at: the submissions' latency varies from job to
 * job, and a look that comes too early costs a whole poll interval. MIN_GAP_MS, but at most AGE_RATIO of the
 * duration, the lateness the policy accepts anywhere else (short jobs are not looked at 25 % late).
 */
export function pastEstimate(durationMs: number): number {
  return Math.max(0, Math.min(MIN_GAP_MS, AGE_RATIO * durationMs));
}

/** Progress as a number strictly between 0 and 100, or undefined. */
export function percent(progress: string | null | undefined): number | undefined {
  const match = progress == null ? null : /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress);
  const value = match ? Number(match[1]) : Number.NaN;
  return value > 0 && value < 100 ? value : undefined;
}

/** When this job should end, from its scheduled start, its progress, or the duration learned from the run. */
export function estimateEnd(t: PollTiming, learnedMs: number | undefined, now: number): number | undefined {
  const origin = t.startsAt ?? t.submittedMs;
  if (t.startsAt !== undefined && t.startsAt > now) return t.startsAt + (learnedMs ?? 0);
  const p = percent(t.progress);
  // Progress is printed rounded down to a whole percent: the middle of that percent is the best guess.
  if (p !== undefined && t.state === "running" && now > origin)
    return origin + ((now - origin) * 100) / Math.min(99.9, Math.floor(p) + 0.5);
  return learnedMs === undefined ? undefined : t.submittedMs + learnedMs;
}

/** When to poll a job next, after a poll at `now` (or a failed one). */
export function nextPoll(t: PollTiming, learnedMs: number | undefined, now: number, policy: BackoffPolicy): NextPoll {
  const keep = { expectedEnd: t.expectedEnd, overdue: t.overdue };
  if (t.failuresInRow > 0) return { ...keep, at: now + backoff(policy, t.failuresInRow - 1) };
  // A job not listed yet is expected to appear soon (a visibility delay): plain backoff, nothing to end yet.
  if (!t.seen && learnedMs === undefined)
    return { ...keep, at: now + Math.max(MIN_GAP_MS, backoff(policy, t.unchanged - 1)) };
  // An estimate is trusted until a poll after it still finds the job running (a stuck or slow job).
  const overdue =
    t.overdue ||
    (t.expectedEnd !== undefined && now >= t.expectedEnd && (t.startsAt === undefined || t.startsAt <= now));
  const end = overdue ? undefined : estimateEnd(t, learnedMs, now);
  if (end !== undefined && end > now) {
    // An estimate from early progress is rough: look again halfway, then at the (refined) end.
    const p = percent(t.progress);
    const early = p !== undefined && p < 50;
    const wait = early ? (end - now) / 2 : end - now + jittered({ ...policy, maxMs: Infinity }, MIN_GAP_MS);
    // A scheduled start with nothing learned yet says when the job starts, not when it ends.
    const startOnly = t.startsAt !== undefined && t.startsAt > now && learnedMs === undefined;
    return {
      at: now + Math.min(policy.maxMs, Math.max(MIN_GAP_MS, wait)),
      expectedEnd: early || startOnly ? t.expectedEnd : end,
      overdue,
    };
  }
  // Without an estimate: exponential backoff, but never more than AGE_RATIO of the job's age apart.
  const age = now - (t.startsAt ?? t.submittedMs);
  const cap = Math.max(policy.initialMs, AGE_RATIO * age, MIN_GAP_MS);
  return {
    at: now + Math.max(MIN_GAP_MS, Math.min(backoff(policy, t.unchanged), jittered(policy, cap))),
    expectedEnd: t.expectedEnd,
    overdue,
  };
}

/** A job as the round chooser sees it. */
export interface RoundView {
  nextAt: number;
  /** Waiting for an estimate (not polled on its own schedule). */
  held: boolean;
  /** Since when it waits (its submission, or the scout that last put it on hold). */
  heldSince: number;
  /** Released by the hold limit and not observed since: only a full pass is sure to show it. */
  released: boolean;
  expectedEnd: number | undefined;
  /** When the job started (its scheduled start, else its submission): its age bounds how late it may be seen. */
  origin: number;
}

export interface RoundContext<T extends RoundView = RoundView> {
  now: number;
  deadline: number;
  /** The open (not concluded) jobs. */
  open: readonly T[];
  canPollOne: boolean;
  canPass: boolean;
  /** Rows per listing page (a pass over `open` costs about open / pageSize requests). */
  pageSize: number;
  /** A job of the run has completed: every open job has an estimate. */
  learned: boolean;
  /** A held job is released after waiting this long, estimate or not. */
  holdLimitMs: number;
  /** The last scout's page showed none of the open jobs although the listing had more: scouting is blind. */
  scoutBlind: boolean;
}

export type Round<T extends RoundView = RoundView> =
  | { kind: "wait"; until: number; release: T[] }
  | { kind: "singles"; due: T[] }
  | { kind: "pass" }
  | { kind: "scout" };

/** Requests one full listing pass over `count` jobs is expected to cost. */
export function passCost(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/**
 * The next round. Single polls cost one request per due job; a full pass costs its pages whatever is due;
 * a scout reads one page of the listing (the newest jobs first on these APIs), which before any completion
 * tells as much as a single poll, for a page of jobs, at the price of one request.
 */
export function chooseRound<T extends RoundView>(ctx: RoundContext<T>): Round<T> {
  const { now, open } = ctx;
  const due = open.filter((t) => !t.held && t.nextAt <= now).sort((a, b) => a.nextAt - b.nextAt);
  if (due.length === 0) {
    const releaseAt = (t: T): number => t.heldSince + ctx.holdLimitMs;
    // Waiting jobs wait for an estimate, but never longer than the hold limit.
    const until = Math.min(ctx.deadline, ...open.map((t) => (t.held ? releaseAt(t) : t.nextAt)));
    return { kind: "wait", until, release: open.filter((t) => t.held && releaseAt(t) <= now) };
  }
  if (!ctx.canPass) return { kind: "singles", due };
  const cost = passCost(open.length, ctx.pageSize);
  const scout = !ctx.learned && cost > 1 && !ctx.scoutBlind && !due.some((t) => t.released);
  if (scout) return scoutOrPass(due);
  // A listing whose newest page does not show the run's jobs: the scouts poll alone, as without a listing.
  if (!ctx.learned && ctx.scoutBlind && ctx.canPollOne && due.length <= cost) return { kind: "singles", due };
  // Single polls only when polling every open job alone would cost no more than one pass.
  if (ctx.learned && ctx.canPollOne && open.length <= cost) return { kind: "singles", due };
  if (!ctx.learned || due.length === open.length) return { kind: "pass" };
  // Every job has an estimate and they end one after another (as they were submitted): one pass when all are
  // due reads each page once; the first due job waits for it at most AGE_RATIO of its age.
  const first = due[0]!;
  const latest = first.nextAt + AGE_RATIO * Math.max(0, first.nextAt - first.origin);
  if (now >= latest) return { kind: "pass" };
  const nextDue = Math.min(...open.filter((t) => !t.held && t.nextAt > now).map((t) => t.nextAt));
  return { kind: "wait", until: Math.min(latest, nextDue, ctx.deadline), release: [] };
}

// A due job polled at its estimated end is a confirmation: the newest jobs are expected to have ended, so
// the older ones too, and the pass that reads them all is due. Otherwise one page scouts for the rest.
function scoutOrPass(due: readonly RoundView[]): { kind: "pass" } | { kind: "scout" } {
  const confirming = due.every((t) => t.expectedEnd !== undefined && t.nextAt >= t.expectedEnd);
  return confirming ? { kind: "pass" } : { kind: "scout" };
}
