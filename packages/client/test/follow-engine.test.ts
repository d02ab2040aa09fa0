// The follower's state machine on virtual time with a scripted poller: every instance concludes
// exactly once, requests stay near one per job, the rate bound holds, poll failures are retried,
// visibility grace, vanished jobs, deadline, abort, and resuming from a JSON round-trip.
import { describe, expect, it } from "vitest";
import type { Observation, Poller } from "../src/workflow/follow-engine.js";
import { startFollow, type FollowOptions } from "../src/workflow/follow-run.js";
import type { FollowedInstance, FollowReport } from "../src/workflow/follow-types.js";
import type { FollowClock } from "../src/workflow/pacing.js";
import type { BatchReportLike } from "../src/workflow/follow-source.js";

const T0 = Date.UTC(2030, 0, 1);

interface ScriptedJob {
  /** ms after T0 */
  visibleAt?: number;
  endsAt: number;
  end?: "completed" | "failed" | "cancelled" | "hang";
  vanishAt?: number;
  /** polls (0-based, per instance) that throw */
  faults?: number[];
  startsAt?: number;
}

function virtualClock(): FollowClock & { t: number } {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (!signal?.aborted) clock.t += Math.max(0, ms);
    },
  };
  return clock;
}

function scripted(clock: FollowClock, jobs: Record<string, ScriptedJob>, mode: "one" | "pass" | "both" = "one") {
  const polls: { at: number; what: string }[] = [];
  const perInstance = new Map<string, number>();
  const observe = (id: string): Observation | undefined => {
    const job = jobs[id]!;
    const now = clock.now() - T0;
    if (now < (job.visibleAt ?? 0) || (job.vanishAt !== undefined && now >= job.vanishAt)) return undefined;
    const start = job.startsAt ?? 0;
    if (now < start) return { state: "pending", serverStatus: "Pending", jobId: `job-${id}`, startsAt: T0 + start };
    if (now < job.endsAt || job.end === "hang") {
      const p = Math.max(1, Math.min(99, Math.floor(((now - start) / (job.endsAt - start)) * 100)));
      return { state: "running", serverStatus: "Running", jobId: `job-${id}`, progress: `${p}%` };
    }
    const end = job.end ?? "completed";
    return {
      state: end as "completed",
      serverStatus: end === "completed" ? "Completed" : end === "failed" ? "Failed" : "Canceled",
      jobId: `job-${id}`,
      failReason: end === "failed" ? "disk full" : undefined,
    };
  };
  const poller: Poller = {
    pageSize: 10,
    ...(mode !== "pass"
      ? {
          pollOne: async (instance, send) =>
            send(async () => {
              polls.push({ at: clock.now(), what: instance.instanceId });
              const n = perInstance.get(instance.instanceId) ?? 0;
              perInstance.set(instance.instanceId, n + 1);
              if (jobs[instance.instanceId]!.faults?.includes(n))
                throw new Error("HTTP 500 from the job API (token=secret-token-1)");
              return observe(instance.instanceId);
            }),
        }
      : {}),
    ...(mode !== "one"
      ? {
          pass: async (instances, send) => {
            const pages = Math.ceil(Object.keys(jobs).length / 10);
            for (let p = 0; p < pages; p++) await send(async () => polls.push({ at: clock.now(), what: `page${p}` }));
            const seen = new Map<string, Observation>();
            for (const instance of instances) {
              const o = observe(instance.instanceId);
              if (o) seen.set(instance.instanceId, o);
            }
            return { seen, complete: true, pages };
          },
        }
      : {}),
  };
  return { poller, polls };
}

function batchOf(ids: string[], submittedAt = T0): BatchReportLike {
  return {
    api: "dds",
    startedAt: new Date(submittedAt).toISOString(),
    outcomes: ids.map((instanceId) => ({
      status: "submitted",
      instanceId,
      jobId: `job-${instanceId}`,
      submittedAt: new Date(submittedAt).toISOString(),
    })),
  };
}

async function follow(
  source: BatchReportLike | FollowReport,
  jobs: Record<string, ScriptedJob>,
  options: FollowOptions & { mode?: "one" | "pass" | "both" } = {},
  clock = virtualClock(),
) {
  const { poller, polls } = scripted(clock, jobs, options.mode);
  const run = startFollow(
    source,
    { clock, random: () => 0.5, initialIntervalMs: 1_000, maxRequestsPerSecond: 1_000, ...options },
    () => ({ poller, redact: (s) => s.replaceAll("secret-token-1", "***") }),
  );
  const yielded: FollowedInstance[] = [];
  for await (const instance of run) yielded.push(instance);
  return { report: await run.report, yielded, polls, clock };
}

describe("following to the end", () => {
  it("concludes every instance exactly once, with each kind of ending", async () => {
    const jobs: Record<string, ScriptedJob> = {
      ok: { endsAt: 30_000 },
      bad: { endsAt: 20_000, end: "failed" },
      off: { endsAt: 10_000, end: "cancelled" },
      ok2: { endsAt: 31_000 },
    };
    const { report, yielded } = await follow(batchOf(Object.keys(jobs)), jobs);
    expect(report.instances.map((i) => [i.instanceId, i.state, i.final])).toEqual([
      ["ok", "completed", true],
      ["bad", "failed", true],
      ["off", "cancelled", true],
      ["ok2", "completed", true],
    ]);
    expect(report.instances[1]!.failReason).toBe("disk full");
    expect(yielded.map((i) => i.instanceId).sort()).toEqual(Object.keys(jobs).sort());
    expect(report.counts).toEqual({ completed: 2, failed: 1, cancelled: 1, pending: 0, running: 0, unknown: 0 });
    expect(report).toMatchObject({
      kind: "dbupgrade.follow",
      version: 1,
      api: "dds",
      deadlineReached: false,
      aborted: false,
      pollFailures: 0,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("polls about once per job for a large fleet, and finds the end soon after it happens", async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `i${i}`);
    const jobs = Object.fromEntries(ids.map((id, n) => [id, { endsAt: 120_000 + (n % 7) * 100 }]));
    const { report, clock } = await follow(batchOf(ids), jobs, { maxRequestsPerSecond: 100 });
    expect(report.counts.completed).toBe(300);
    expect(report.requests).toBeLessThanOrEqual(1.2 * 300);
    expect(clock.t - T0).toBeLessThanOrEqual(1.1 * 120_000);
  });

  it("never starts more than maxRequestsPerSecond requests in any second", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
    const jobs = Object.fromEntries(ids.map((id) => [id, { endsAt: 5_000 }]));
    const { polls, report } = await follow(batchOf(ids), jobs, { maxRequestsPerSecond: 7, scouts: 60 });
    expect(report.counts.completed).toBe(60);
    for (const [i, p] of polls.entries()) {
      const within = polls.slice(i).filter((q) => q.at < p.at + 1_000);
      expect(within.length).toBeLessThanOrEqual(7);
    }
  });
});

describe("what polls can show", () => {
  it("retries failed polls (never anything else) and records the redacted error", async () => {
    const jobs = { a: { endsAt: 8_000, faults: [0, 1, 2] } };
    const { report } = await follow(batchOf(["a"]), jobs);
    expect(report.instances[0]).toMatchObject({ state: "completed", pollFailures: 3 });
    expect(report.instances[0]!.lastPollError).toContain("***");
    expect(report.instances[0]!.lastPollError).not.toContain("secret-token-1");
    expect(report.pollFailures).toBe(3);
  });

  it("a job not visible yet is waited for; one never seen after the grace period is unknown", async () => {
    const jobs = { late: { visibleAt: 20_000, endsAt: 40_000 }, never: { visibleAt: Infinity, endsAt: 1 } };
    const { report } = await follow(batchOf(["late", "never"]), jobs, { visibilityGraceMs: 30_000, scouts: 2 });
    expect(report.instances[0]).toMatchObject({ state: "completed" });
    expect(report.instances[1]).toMatchObject({ state: "unknown", final: true, firstSeenAt: null });
    expect(report.instances[1]!.note).toMatch(/grace period/);
  });

  it("a job that vanishes after being seen becomes unknown, keeping what was last seen", async () => {
    const { report } = await follow(
      batchOf(["v"]),
      { v: { endsAt: 100_000, vanishAt: 10_000 } },
      { visibilityGraceMs: 20_000 },
    );
    expect(report.instances[0]).toMatchObject({ state: "unknown", final: true, serverStatus: "Running" });
    expect(report.instances[0]!.note).toMatch(/no longer listed \(last seen Running/);
  });

  it("uses listing passes when they are cheaper than one request per due job", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const jobs = Object.fromEntries(ids.map((id) => [id, { endsAt: 30_000 }]));
    const { report, polls } = await follow(batchOf(ids), jobs, { mode: "both" });
    expect(report.counts.completed).toBe(50);
    expect(polls.some((p) => p.what.startsWith("page"))).toBe(true);
    expect(report.requests).toBeLessThan(50);
  });
});

describe("stopping", () => {
  it("at the deadline, unfinished jobs keep their last seen state and the report says so", async () => {
    const { report } = await follow(
      batchOf(["slow", "fast"]),
      { slow: { endsAt: 10_000, end: "hang" }, fast: { endsAt: 5_000 } },
      { deadline: T0 + 60_000 },
    );
    expect(report.deadlineReached).toBe(true);
    expect(report.instances.map((i) => [i.state, i.final])).toEqual([
      ["running", false],
      ["completed", true],
    ]);
  });

  it("an abort leaves a valid partial report with every instance once", async () => {
    const controller = new AbortController();
    const clock = virtualClock();
    const ids = ["x", "y", "z"];
    const jobs = Object.fromEntries(ids.map((id, n) => [id, { endsAt: 10_000 * (n + 1) }]));
    const { report, yielded } = await follow(
      batchOf(ids),
      jobs,
      { scouts: 3, onProgress: (p) => p.settled >= 1 && controller.abort(), signal: controller.signal },
      clock,
    );
    expect(report.aborted).toBe(true);
    expect(report.instances.map((i) => i.instanceId)).toEqual(ids);
    expect(yielded).toHaveLength(3);
    expect(report.counts.completed).toBeGreaterThanOrEqual(1);
    expect(report.instances.filter((i) => !i.final).every((i) => i.state === "running" || i.state === "unknown")).toBe(
      true,
    );
  });

  it("resumes from a report read back from JSON, without polling what already ended", async () => {
    const jobs = { done: { endsAt: 5_000 }, later: { endsAt: 100_000 } };
    const clock = virtualClock();
    const first = await follow(batchOf(["done", "later"]), jobs, { deadline: T0 + 30_000, scouts: 2 }, clock);
    expect(first.report.instances.map((i) => i.state)).toEqual(["completed", "running"]);
    const saved = JSON.parse(JSON.stringify(first.report)) as FollowReport;
    const second = await follow(saved, jobs, {}, clock);
    expect(second.report.instances.map((i) => i.state)).toEqual(["completed", "completed"]);
    expect(second.polls.every((p) => p.what === "later")).toBe(true);
    expect(second.yielded.map((i) => i.instanceId).sort()).toEqual(["done", "later"]);
  });

  it("refuses a source that is not a report", () => {
    const clock = virtualClock();
    const service = () => ({ poller: {}, redact: (s: string) => s });
    expect(() => startFollow({ api: "nope" } as never, { clock }, service)).toThrow(/source.api/);
    expect(() =>
      startFollow({ api: "dds", outcomes: [{ status: "submitted", instanceId: "a" }] } as never, { clock }, service),
    ).toThrow(/submittedAt/);
    expect(() =>
      startFollow(
        {
          kind: "dbupgrade.follow",
          api: "dds",
          instances: [{ instanceId: "a", state: "done", submittedAt: "x" }],
        } as never,
        { clock },
        service,
      ),
    ).toThrow(/not a follow state/);
  });
});
