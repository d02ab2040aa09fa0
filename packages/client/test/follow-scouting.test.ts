// Following a listing API (TaurusDB, openGauss) on virtual time: before any job has completed, the follower
// scouts one page (the newest jobs) instead of polling jobs one by one, and reads every page once the jobs
// are expected to have ended. Requests stay near the one pass that any poller needs.
import { describe, expect, it } from "vitest";
import type { ListingResult, Observation, Poller } from "../src/workflow/follow-engine.js";
import { startFollow } from "../src/workflow/follow-run.js";
import type { BatchReportLike } from "../src/workflow/follow-source.js";

const T0 = Date.UTC(2030, 0, 1);
const PAGE = 10;

function virtualClock() {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => void (signal?.aborted ? 0 : (clock.t += Math.max(0, ms))),
  };
  return clock;
}

/** A listing of `n` jobs submitted 10 ms apart, newest first, each running `durationMs`; progress if asked. */
function listing(clock: { now(): number }, n: number, durationMs: number, withProgress: boolean) {
  const ids = Array.from({ length: n }, (_, i) => `j${i}`);
  const submitted = (i: number) => T0 + i * 10;
  const pages: number[] = [];
  const row = (i: number): Observation => {
    const age = clock.now() - submitted(i);
    if (age >= durationMs) return { state: "completed", serverStatus: "Completed" };
    const p = Math.floor((age / durationMs) * 100);
    return { state: "running", serverStatus: "Running", progress: withProgress ? `${p}%` : undefined };
  };
  const poller: Poller = {
    pageSize: PAGE,
    pass: async (instances, send, limits) => {
      const newestFirst = [...ids.keys()].reverse();
      const seen = new Map<string, Observation>();
      const wanted = new Set(instances.map((i) => i.instanceId));
      const last = Math.ceil(n / PAGE);
      const read = Math.min(last, limits?.maxPages ?? last);
      for (let p = 0; p < read; p++) {
        await send(async () => pages.push(p));
        for (const i of newestFirst.slice(p * PAGE, (p + 1) * PAGE)) if (wanted.has(ids[i]!)) seen.set(ids[i]!, row(i));
      }
      return { seen, complete: read === last, pages: read } satisfies ListingResult;
    },
  };
  const source: BatchReportLike = {
    api: "taurusdb",
    outcomes: ids.map((instanceId, i) => ({
      status: "submitted",
      instanceId,
      submittedAt: new Date(submitted(i)).toISOString(),
    })),
  };
  return { poller, source, pages };
}

describe("scouting a listing with one page", () => {
  it.each([
    ["with progress (TaurusDB)", true, 5],
    // Without progress only the age bounds the wait (polls at most 8 % of a job's age apart): about
    // ln(120 s / 12.5 s) / ln(1.08) + 12 ≈ 41 scouts over two minutes, each one page.
    ["without progress (openGauss)", false, 45],
  ])(
    "%s: one full pass plus a few one-page scouts, the end found soon after it happens",
    async (_, progress, scouts) => {
      const clock = virtualClock();
      const n = 200;
      const durationMs = 120_000;
      const { poller, source, pages } = listing(clock, n, durationMs, progress);
      const run = startFollow(source, { clock, random: () => 0.5, initialIntervalMs: 1_000 }, () => ({
        poller,
        redact: (s) => s,
      }));
      const report = await run.report;
      expect(report.counts.completed).toBe(n);
      const fullPass = Math.ceil(n / PAGE);
      expect(report.requests).toBe(pages.length);
      expect(report.requests).toBeLessThanOrEqual(fullPass + scouts);
      // Single polls would have cost at least one request per job.
      expect(report.requests).toBeLessThan(n / 2);
      const lastEnd = T0 + (n - 1) * 10 + durationMs;
      expect(clock.t - lastEnd).toBeLessThanOrEqual(0.1 * durationMs);
    },
  );

  it("a page that shows none of the run's jobs makes the follower read the whole listing", async () => {
    const clock = virtualClock();
    const { poller, source } = listing(clock, 50, 30_000, true);
    // The newest page holds other jobs only: this run's are further down.
    const blind: Poller = {
      ...poller,
      pass: async (instances, send, limits) => {
        if (limits?.maxPages !== undefined) {
          await send(async () => 0);
          return { seen: new Map(), complete: false, pages: 1 };
        }
        return poller.pass!(instances, send);
      },
    };
    const run = startFollow(source, { clock, random: () => 0.5, initialIntervalMs: 1_000 }, () => ({
      poller: blind,
      redact: (s) => s,
    }));
    const report = await run.report;
    expect(report.counts.completed).toBe(50);
  });
});
