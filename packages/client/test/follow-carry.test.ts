// What one follow hands to the next (a rollout's waves): the listing's start bounded by the newest job
// creation time seen before (listingStart), a carried job duration used as the estimate (no scouting),
// and carryForward, the rollout's rule for combining them. Virtual time, a scripted listing.
import { describe, expect, it } from "vitest";
import type { Observation, PassLimits, Poller } from "../src/workflow/follow-engine.js";
import { learnedDuration, listingStart, MIN_GAP_MS, pastEstimate, SKEW_MS } from "../src/workflow/follow-policy.js";
import { startFollow, type FollowOptions } from "../src/workflow/follow-run.js";
import type { BatchReportLike } from "../src/workflow/follow-source.js";
import type { FollowClock } from "../src/workflow/pacing.js";
import { carryForward } from "../src/workflow/rollout-policy.js";

const T0 = Date.UTC(2030, 0, 1);

describe("listingStart", () => {
  it("starts a clock-skew margin before the earliest submission without a bound", () => {
    expect(listingStart(T0)).toBe(T0 - SKEW_MS);
    expect(listingStart(T0, Number.NaN)).toBe(T0 - SKEW_MS);
  });

  it("starts at a later bound (the newest job an earlier wave saw), never after the earliest submission", () => {
    expect(listingStart(T0, T0 - 5_000)).toBe(T0 - 5_000);
    expect(listingStart(T0, T0 + 5_000)).toBe(T0);
    // A bound older than the margin changes nothing.
    expect(listingStart(T0, T0 - 10 * SKEW_MS)).toBe(T0 - SKEW_MS);
  });
});

describe("learnedDuration", () => {
  const origin = T0;
  it("is the time until the job was seen completed when nothing better is known", () => {
    expect(learnedDuration(origin, T0 + 1_400, undefined)).toBe(1_400);
    expect(learnedDuration(origin, T0 + 1_400, { at: T0 + 900, expectedEnd: undefined })).toBe(1_400);
  });

  it("is the estimated end of the poll before, when the job ended between the two polls as estimated", () => {
    expect(learnedDuration(origin, T0 + 1_400, { at: T0 + 900, expectedEnd: T0 + 1_010 })).toBe(1_010);
  });

  it("ignores an estimate the job had already outlived, or one after the poll that saw it completed", () => {
    expect(learnedDuration(origin, T0 + 3_000, { at: T0 + 2_000, expectedEnd: T0 + 1_500 })).toBe(3_000);
    expect(learnedDuration(origin, T0 + 3_000, { at: T0 + 2_000, expectedEnd: T0 + 3_500 })).toBe(3_000);
  });
});

describe("pastEstimate", () => {
  it("looks at a job the minimum gap past its estimated end, but at most AGE_RATIO of its duration late", () => {
    expect(pastEstimate(20_000)).toBe(MIN_GAP_MS);
    expect(pastEstimate(1_000)).toBe(80);
    expect(pastEstimate(0)).toBe(0);
  });
});

describe("carryForward", () => {
  it("keeps the shortest duration and the newest job time seen over the waves", () => {
    let carry = carryForward({}, { jobDurationMs: 1_300, newestJobTime: "2030-01-01T00:00:02.000Z" });
    carry = carryForward(carry, { jobDurationMs: 1_100, newestJobTime: "2030-01-01T00:00:05.000Z" });
    carry = carryForward(carry, { jobDurationMs: 1_800, newestJobTime: "2030-01-01T00:00:04.000Z" });
    expect(carry).toEqual({ jobDurationMs: 1_100, listedSince: "2030-01-01T00:00:05.000Z" });
  });

  it("keeps what it had when a wave learned nothing (every job failed, or no creation time in the rows)", () => {
    const carry = { jobDurationMs: 900, listedSince: "2030-01-01T00:00:02.000Z" };
    expect(carryForward(carry, {})).toEqual(carry);
    expect(carryForward(carry, { jobDurationMs: Number.NaN, newestJobTime: "not a time" })).toEqual(carry);
    expect(carryForward({}, {})).toEqual({});
  });
});

/** 30 jobs ending at `endsAt` (ms after T0), created at T0 + index ms, listed 10 to a page. */
function listing(clock: FollowClock & { t: number }, endsAt: number) {
  const ids = Array.from({ length: 30 }, (_, i) => `i${i}`);
  const calls: { at: number; limits: PassLimits | undefined }[] = [];
  let requests = 0;
  const poller: Poller = {
    pageSize: 10,
    pass: async (instances, send, limits) => {
      calls.push({ at: clock.t, limits });
      const pages = limits?.maxPages ?? 3;
      for (let p = 0; p < pages; p++) await send(async () => requests++);
      const seen = new Map<string, Observation>();
      for (const instance of instances.slice(0, pages * 10)) {
        const done = clock.t >= T0 + endsAt;
        const createdAt = T0 + ids.indexOf(instance.instanceId);
        seen.set(instance.instanceId, {
          state: done ? "completed" : "running",
          serverStatus: done ? "Completed" : "Running",
          createdAt,
          ...(done ? { endedAt: T0 + endsAt } : {}),
        });
      }
      return { seen, complete: pages >= 3, pages };
    },
  };
  const source: BatchReportLike = {
    api: "geminidb",
    startedAt: new Date(T0).toISOString(),
    outcomes: ids.map((instanceId) => ({
      status: "submitted",
      instanceId,
      jobId: `job-${instanceId}`,
      submittedAt: new Date(T0).toISOString(),
    })),
  };
  return { poller, calls, source, requests: () => requests };
}

async function follow(endsAt: number, options: FollowOptions) {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += Math.max(0, ms);
    },
  };
  const { poller, calls, source, requests } = listing(clock, endsAt);
  const run = startFollow(
    source,
    { clock, jitter: 0, initialIntervalMs: 1_000, maxRequestsPerSecond: 1_000, ...options },
    () => ({ poller, redact: (s) => s }),
  );
  const report = await run.report;
  return { report, calls, requests: requests() };
}

describe("a follow that starts from what an earlier one learned", () => {
  it("polls first just past the carried duration, with one full pass and no scouting", async () => {
    const { report, calls, requests } = await follow(20_000, { jobDurationMs: 20_000 });
    expect(report.counts.completed).toBe(30);
    expect(calls).toEqual([{ at: T0 + 20_000 + MIN_GAP_MS, limits: { maxPages: undefined, since: undefined } }]);
    expect(requests).toBe(3);
    expect(report.jobDurationMs).toBe(20_000);
  });

  it("without a carried duration, scouts first and learns the duration itself", async () => {
    const { report, calls } = await follow(20_000, {});
    expect(calls[0]).toMatchObject({ at: T0 + 1_000, limits: { maxPages: 1 } });
    expect(calls.length).toBeGreaterThan(1);
    expect(report.jobDurationMs).toBeGreaterThanOrEqual(20_000);
  });

  it("hands the bound to every pass and reports the newest job time it saw (creation or end)", async () => {
    const since = new Date(T0 - 2_000).toISOString();
    const { report, calls } = await follow(5_000, { listedSince: since, jobDurationMs: 5_000 });
    expect(calls.every((c) => c.limits?.since === T0 - 2_000)).toBe(true);
    // The jobs were created at T0 .. T0 + 29 ms and ended at T0 + 5 s.
    expect(report.newestJobTime).toBe(new Date(T0 + 5_000).toISOString());
  });

  it("refuses a bound that is not a time", () => {
    expect(() =>
      startFollow({ api: "geminidb", outcomes: [] }, { listedSince: "soon" }, () => ({
        poller: {},
        redact: (s) => s,
      })),
    ).toThrow(RangeError);
  });
});
