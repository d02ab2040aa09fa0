// The follower's polling policy as pure functions: estimates, the next poll, and the choice of round
// (single polls, a one-page scout, a full pass, or waiting). No clock, no I/O: plain data in, plain data out.
import { describe, expect, it } from "vitest";
import {
  AGE_RATIO,
  chooseRound,
  estimateEnd,
  MIN_GAP_MS,
  nextPoll,
  passCost,
  percent,
  type PollTiming,
  type RoundContext,
  type RoundView,
} from "../src/workflow/follow-policy.js";
import type { BackoffPolicy } from "../src/workflow/pacing.js";

const policy: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0, random: () => 0.5 };

function timing(over: Partial<PollTiming> = {}): PollTiming {
  return {
    submittedMs: 0,
    startsAt: undefined,
    state: "running",
    progress: null,
    seen: true,
    unchanged: 0,
    failuresInRow: 0,
    expectedEnd: undefined,
    overdue: false,
    ...over,
  };
}

describe("estimates", () => {
  it("reads progress strictly between 0 and 100 %", () => {
    expect(percent("40%")).toBe(40);
    expect(percent(" 12.5 ")).toBe(12.5);
    expect(percent("0%")).toBeUndefined();
    expect(percent("100%")).toBeUndefined();
    expect(percent("soon")).toBeUndefined();
    expect(percent(null)).toBeUndefined();
  });

  it("extrapolates from progress, from the middle of the printed percent", () => {
    // 49 % printed after 49.5 s means the middle of 49 %: 49.5 s per 49.5 % → 100 s.
    expect(estimateEnd(timing({ progress: "49%" }), undefined, 49_500)).toBeCloseTo(100_000);
  });

  it("uses a scheduled start plus the learned duration, and the learned duration alone otherwise", () => {
    expect(estimateEnd(timing({ state: "pending", startsAt: 50_000 }), 20_000, 10_000)).toBe(70_000);
    expect(estimateEnd(timing(), 30_000, 10_000)).toBe(30_000);
    expect(estimateEnd(timing(), undefined, 10_000)).toBeUndefined();
  });
});

describe("the next poll", () => {
  it("backs off exponentially after failed polls", () => {
    expect(nextPoll(timing({ failuresInRow: 1 }), undefined, 0, policy).at).toBe(1_000);
    expect(nextPoll(timing({ failuresInRow: 3 }), undefined, 0, policy).at).toBe(4_000);
  });

  it("waits for a job that is not listed yet with plain backoff", () => {
    expect(nextPoll(timing({ seen: false, unchanged: 1 }), undefined, 5_000, policy).at).toBe(6_000);
    expect(nextPoll(timing({ seen: false, unchanged: 3 }), undefined, 5_000, policy).at).toBe(9_000);
  });

  it("without an estimate, polls at most AGE_RATIO of the job's age apart", () => {
    const now = 200_000;
    const next = nextPoll(timing({ unchanged: 10 }), undefined, now, policy);
    expect(next.at - now).toBe(AGE_RATIO * now);
  });

  it("with early progress looks again halfway; with late progress at the end, remembering it", () => {
    const early = nextPoll(timing({ progress: "9%" }), undefined, 9_500, policy);
    expect(early.at).toBeCloseTo(9_500 + (100_000 - 9_500) / 2);
    expect(early.expectedEnd).toBeUndefined();
    const late = nextPoll(timing({ progress: "79%" }), undefined, 79_500, policy);
    expect(late.expectedEnd).toBeCloseTo(100_000);
    expect(late.at).toBeCloseTo(100_000 + MIN_GAP_MS);
  });

  it("polls a scheduled job at its start, which is not taken for its end", () => {
    const next = nextPoll(timing({ state: "pending", startsAt: 30_000 }), undefined, 10_000, policy);
    expect(next.at).toBeCloseTo(30_000 + MIN_GAP_MS);
    expect(next.expectedEnd).toBeUndefined();
    expect(nextPoll(timing({ state: "pending", startsAt: 30_000 }), 20_000, 10_000, policy).expectedEnd).toBe(50_000);
  });

  it("drops estimates once a poll after the expected end still finds the job running", () => {
    const next = nextPoll(timing({ progress: "99%", expectedEnd: 100_000 }), undefined, 101_000, policy);
    expect(next.overdue).toBe(true);
    expect(next.at - 101_000).toBeLessThanOrEqual(Math.max(policy.initialMs, AGE_RATIO * 101_000));
  });
});

function view(over: Partial<RoundView> = {}): RoundView {
  return { nextAt: 0, held: false, heldSince: 0, released: false, expectedEnd: undefined, origin: 0, ...over };
}

function ctx(over: Partial<RoundContext> = {}): RoundContext {
  return {
    now: 10_000,
    deadline: 1e12,
    open: [view()],
    canPollOne: true,
    canPass: true,
    pageSize: 50,
    learned: false,
    holdLimitMs: 240_000,
    scoutBlind: false,
    ...over,
  };
}

describe("the round", () => {
  it("a pass over N jobs costs ceil(N / page size) requests", () => {
    expect(passCost(1_000, 50)).toBe(20);
    expect(passCost(0, 100)).toBe(1);
  });

  it("waits for the earliest due job, or for a held job's hold limit", () => {
    const open = [view({ nextAt: 30_000 }), view({ held: true, heldSince: 0 })];
    expect(chooseRound(ctx({ open, holdLimitMs: 20_000 }))).toEqual({ kind: "wait", until: 20_000, release: [] });
    const held = view({ held: true, heldSince: 0 });
    const round = chooseRound(ctx({ open: [held, view({ nextAt: 30_000 })], holdLimitMs: 5_000 }));
    expect(round).toMatchObject({ kind: "wait", release: [held] });
  });

  it("without a listing, polls the due jobs one by one, earliest first", () => {
    const a = view({ nextAt: 5_000 });
    const b = view({ nextAt: 1_000 });
    expect(chooseRound(ctx({ open: [a, b, view({ nextAt: 99_000 })], canPass: false }))).toEqual({
      kind: "singles",
      due: [b, a],
    });
  });

  it("before any job completed, scouts one page of a listing instead of polling jobs one by one", () => {
    const open = Array.from({ length: 1_000 }, (_, i) => view({ held: i >= 3 }));
    expect(chooseRound(ctx({ open }))).toEqual({ kind: "scout" });
  });

  it("a scout due at its jobs' expected end is the full pass (the newest jobs are expected to have ended)", () => {
    const open = [
      view({ nextAt: 9_000, expectedEnd: 8_800 }),
      ...Array.from({ length: 999 }, () => view({ held: true })),
    ];
    expect(chooseRound(ctx({ open }))).toEqual({ kind: "pass" });
  });

  it("once a duration is learned, polls a last job alone, and passes when all are due", () => {
    expect(chooseRound(ctx({ open: [view()], learned: true })).kind).toBe("singles");
    expect(chooseRound(ctx({ open: [view(), view()], learned: true, canPass: false })).kind).toBe("singles");
    const many = Array.from({ length: 1_000 }, () => view());
    expect(chooseRound(ctx({ open: many, learned: true }))).toEqual({ kind: "pass" });
  });

  it("reads the whole listing for a job released by the hold limit (a scout may never show it)", () => {
    const open = [view({ released: true }), ...Array.from({ length: 999 }, () => view({ held: true }))];
    expect(chooseRound(ctx({ open }))).toEqual({ kind: "pass" });
  });

  it("with estimates for all, waits for the later jobs to be due before a pass, at most AGE_RATIO of the first's age", () => {
    const due = Array.from({ length: 30 }, () => view({ nextAt: 100_000 }));
    const later = Array.from({ length: 70 }, (_, i) => view({ nextAt: 101_000 + i * 100 }));
    const open = [...due, ...later];
    expect(chooseRound(ctx({ open, learned: true, now: 100_000, pageSize: 10 }))).toEqual({
      kind: "wait",
      until: 101_000,
      release: [],
    });
    expect(chooseRound(ctx({ open, learned: true, now: 100_000 + AGE_RATIO * 100_000, pageSize: 10 }))).toEqual({
      kind: "pass",
    });
    expect(chooseRound(ctx({ open: due, learned: true, now: 100_000, pageSize: 10 }))).toEqual({ kind: "pass" });
  });

  it("falls back to single polls (else full passes) when a scout's page showed none of the run's jobs", () => {
    const open = Array.from({ length: 1_000 }, (_, i) => view({ held: i >= 3 }));
    expect(chooseRound(ctx({ open, scoutBlind: true, canPollOne: false }))).toEqual({ kind: "pass" });
    expect(chooseRound(ctx({ open, scoutBlind: true })).kind).toBe("singles");
  });

  it("when the whole listing fits on one page, the scout is the full pass", () => {
    expect(chooseRound(ctx({ open: [view(), view()] }))).toEqual({ kind: "pass" });
  });
});
