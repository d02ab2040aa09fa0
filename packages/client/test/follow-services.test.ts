// plan -> submit -> follow for each service against a fleet on virtual time, through the real clients
// (spec metadata routes every call; every answer is checked against the spec). Every outcome kind,
// faults on the poll APIs (500s, resets, timeouts, a job that vanishes, TaurusDB's visibility delay),
// every submitted instance exactly once, and an abort that leaves a valid partial report.
import type { ApiName } from "@dbupgrade/meta";
import { describe, expect, it } from "vitest";
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  followUpgrades,
  planDdsUpgrades,
  planGaussDbHotfixes,
  planGeminiDbUpgrades,
  planTaurusDbUpgrades,
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  type FollowOptions,
  type FollowReport,
  type UpgradePlan,
} from "../src/index.js";
import { fakeFleet, type FakeFleetOptions } from "./support/fake-fleet.js";
import { projectId } from "./support/spec.js";

const T0 = Date.UTC(2030, 0, 1);
const auth = { token: "follow-token-123456" };

function setup(api: ApiName, fleetOptions: Partial<FakeFleetOptions> = {}, n = 12) {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => void (signal?.aborted ? 0 : (clock.t += Math.max(0, ms))),
  };
  const fleet = fakeFleet({ api, now: clock.now, instances: n, ...fleetOptions });
  const common = { baseUrl: `https://fleet.test/${api}`, projectId, auth, fetch: fleet.fetch, timeoutMs: 200 };
  const clients = {
    geminidb: createGeminiDbClient(common),
    dds: createDdsClient(common),
    taurusdb: createTaurusDbClient(common),
    gaussdb: createGaussDbClient(common),
  };
  const follow: FollowOptions = {
    clock,
    random: () => 0.5,
    initialIntervalMs: 2_000,
    maxRequestsPerSecond: 50,
    visibilityGraceMs: 60_000,
    deadline: T0 + 30 * 60_000,
  };
  return { clock, fleet, clients, follow };
}

type Setup = ReturnType<typeof setup>;

async function planFor(api: ApiName, s: Setup): Promise<UpgradePlan<any>> {
  switch (api) {
    case "geminidb":
      return planGeminiDbUpgrades(s.clients.geminidb);
    case "dds":
      return planDdsUpgrades(s.clients.dds);
    case "taurusdb":
      return planTaurusDbUpgrades(s.clients.taurusdb);
    case "gaussdb":
      return planGaussDbHotfixes(s.clients.gaussdb);
  }
}

async function submit(
  api: ApiName,
  s: Setup,
  plan: UpgradePlan<any>,
  extra: { delay?: boolean; startTime?: Date } = {},
) {
  const reports: any[] = [];
  for (const batch of plan.batches) {
    switch (api) {
      case "geminidb":
        reports.push(await upgradeGeminiDbInBatches(s.clients.geminidb, batch.inputs, { now: s.clock.now }));
        break;
      case "dds":
        reports.push(await upgradeDdsInBatches(s.clients.dds, batch.inputs, { now: s.clock.now }));
        break;
      case "taurusdb":
        reports.push(
          await upgradeTaurusDbInBatches(s.clients.taurusdb, batch.inputs, {
            delay: extra.delay ?? false,
            now: s.clock.now,
          }),
        );
        break;
      case "gaussdb":
        reports.push(
          await scheduleGaussDbHotfixInBatches(s.clients.gaussdb, batch.inputs, {
            startTime: extra.startTime ?? new Date(s.clock.t + 60_000),
            targetVersion: batch.group,
            now: s.clock.now,
          }),
        );
        break;
    }
  }
  // One report to follow, as compose merges them: the groups' outcomes together.
  return { ...reports[0], outcomes: reports.flatMap((r) => r.outcomes) };
}

async function followAll(api: ApiName, s: Setup, source: any, options: FollowOptions = {}) {
  const run = followUpgrades(s.clients[api], source, { ...s.follow, ...options });
  const yielded: string[] = [];
  for await (const i of run) yielded.push(i.instanceId);
  const report = await run.report;
  // Every instance exactly once, in the report and in the iteration.
  expect([...yielded].sort()).toEqual(report.instances.map((i) => i.instanceId).sort());
  expect(new Set(yielded).size).toBe(yielded.length);
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  return report;
}

const stateOf = (report: FollowReport, id: string) => report.instances.find((i) => i.instanceId === id)!;
const pollOps = {
  geminidb: "listJobs",
  dds: "showJobDetail",
  taurusdb: "listImmediateJobs",
  gaussdb: "listScheduleTask",
} as const;

describe.each(["geminidb", "dds", "taurusdb", "gaussdb"] as const)("%s", (api) => {
  it("plans, submits the eligible rows, and follows every one to completed / failed / running / unknown", async () => {
    const s = setup(api);
    s.fleet.instances[1]!.status = api === "geminidb" || api === "dds" ? "frozen" : "FROZEN";
    const plan = await planFor(api, s);
    expect(s.fleet.invalid).toEqual([]);
    expect(plan.rows).toHaveLength(12);
    expect(plan.rows[1]).toMatchObject({ eligible: false, reason: "status", request: null });
    const eligible = plan.rows.filter((r) => r.eligible);
    expect(eligible.length).toBe(11);
    if (api === "taurusdb")
      expect(plan.batches.map((b) => [b.group, b.inputs.length])).toEqual([
        ["2.0.48.231200", 9],
        ["2.0.46.231000", 2],
      ]);
    if (api === "dds") expect(eligible.every((r) => r.etaMinutes === 5)).toBe(true);
    if (api === "taurusdb")
      expect(eligible[0]).toMatchObject({ from: "2.0.48.231200", to: "2.0.51.240300", group: "2.0.48.231200" });
    if (api === "geminidb" || api === "dds")
      expect(eligible[0]).toMatchObject({ from: "3.208.0.5", to: "not exposed" });
    // In submission order (the plan's batches): the first ones are the follower's scouts.
    const ids: string[] = plan.batches.flatMap((b) =>
      b.inputs.map((i: string | { instanceId: string }) => (typeof i === "string" ? i : i.instanceId)),
    );
    expect([...ids].sort()).toEqual(eligible.map((r) => r.instanceId).sort());
    s.fleet.endWith(ids[0]!, "failed");
    s.fleet.endWith(ids[1]!, "hang");
    const batch = await submit(api, s, plan);
    expect(batch.outcomes.filter((o: { status: string }) => o.status === "submitted")).toHaveLength(ids.length);
    s.fleet.hide(ids[2]!, T0 + 45_000);
    s.fleet.fault(pollOps[api], "500", "reset", "hang", "500");
    const before = s.fleet.requests.length;
    const report = await followAll(api, s, batch);
    expect(s.fleet.invalid).toEqual([]);
    expect(report.instances.map((i) => i.instanceId).sort()).toEqual([...ids].sort());
    // ListScheduleTask shows no failure reason; the others do.
    expect(stateOf(report, ids[0]!)).toMatchObject({
      state: "failed",
      final: true,
      failReason: api === "gaussdb" ? null : "Upgrade failed: node health check failed.",
    });
    expect(stateOf(report, ids[1]!)).toMatchObject({ state: "running", final: false });
    expect(stateOf(report, ids[2]!)).toMatchObject({ state: "unknown", final: true });
    expect(stateOf(report, ids[2]!).note).toMatch(/no longer listed/);
    for (const id of ids.slice(3)) expect(stateOf(report, id).state).toBe("completed");
    if (api === "gaussdb") expect(stateOf(report, ids[3]!).version).toBe("3.208.0.7");
    expect(report.deadlineReached).toBe(true);
    expect(report.pollFailures).toBe(4);
    // Poll failures were retried, never resubmitted: the batch operation was called once.
    const batchOp = {
      geminidb: "batchUpgradeDatabaseVersion",
      dds: "batchUpgradeDatabaseVersion",
      taurusdb: "batchUpgradeDatabases",
      gaussdb: "createScheduleTask",
    }[api];
    expect(s.fleet.requests.filter((r) => r.op === batchOp)).toHaveLength(plan.chunks.length);
    expect(report.requests).toBe(s.fleet.requests.length - before);
  }, 60_000);

  it("an abort leaves a valid partial report with every submitted instance once", async () => {
    const s = setup(api, {}, 6);
    const plan = await planFor(api, s);
    const batch = await submit(api, s, plan);
    const controller = new AbortController();
    const report = await followAll(api, s, batch, {
      signal: controller.signal,
      onProgress: (p) => p.requests >= 2 && controller.abort(),
    });
    expect(report.aborted).toBe(true);
    expect(report.instances).toHaveLength(6);
    expect(report.instances.filter((i) => i.final).every((i) => i.state === "completed")).toBe(true);
  });
});

describe("service specifics", () => {
  it("TaurusDB: jobs invisible for a while are waited for; invisible past the grace period are unknown", async () => {
    const s = setup("taurusdb", { visibilityDelayMs: 20_000 }, 4);
    const batch = await submit("taurusdb", s, await planFor("taurusdb", s));
    const report = await followAll("taurusdb", s, batch);
    expect(report.counts.completed).toBe(4);
    const late = setup("taurusdb", { visibilityDelayMs: 90_000 }, 2);
    const unseen = await followAll("taurusdb", late, await submit("taurusdb", late, await planFor("taurusdb", late)), {
      visibilityGraceMs: 30_000,
    });
    expect(unseen.instances.map((i) => [i.state, i.final, i.firstSeenAt])).toEqual([
      ["unknown", true, null],
      ["unknown", true, null],
    ]);
  });

  it("TaurusDB delay: true is followed in ListScheduleJobs: pending until the window, then completed or cancelled", async () => {
    const s = setup("taurusdb", { scheduleAt: T0 + 10 * 60_000 }, 3);
    const plan = await planFor("taurusdb", s);
    s.fleet.endWith(plan.rows[1]!.instanceId, "cancelled");
    const batch = await submit("taurusdb", s, plan, { delay: true });
    expect(batch.delay).toBe(true);
    const early = await followAll("taurusdb", s, batch, { deadline: T0 + 5 * 60_000 });
    expect(early.instances.map((i) => i.state)).toEqual(["pending", "pending", "pending"]);
    expect(early.delay).toBe(true);
    expect(s.fleet.requests.some((r) => r.op === "listScheduleJobs")).toBe(true);
    const late = await followAll("taurusdb", s, JSON.parse(JSON.stringify(early)));
    expect(late.instances.map((i) => i.state)).toEqual(["completed", "cancelled", "completed"]);
  });

  it("openGauss: tasks stay pending until their start time; a cancelled task is cancelled", async () => {
    const s = setup("gaussdb", {}, 3);
    const plan = await planFor("gaussdb", s);
    expect(plan.rows[0]).toMatchObject({ eligible: true, to: "3.208.0.7", group: "3.208.0.7" });
    s.fleet.endWith(plan.rows[2]!.instanceId, "cancelled");
    const batch = await submit("gaussdb", s, plan, { startTime: new Date(T0 + 3_600_000) });
    const early = await followAll("gaussdb", s, batch, { deadline: T0 + 600_000 });
    expect(early.instances.map((i) => i.state)).toEqual(["pending", "pending", "pending"]);
    const late = await followAll("gaussdb", s, early, { deadline: T0 + 3 * 3_600_000 });
    expect(late.instances.map((i) => i.state)).toEqual(["completed", "completed", "cancelled"]);
  });

  it("openGauss plan: a pending task, a target that is not offered, a target already installed", async () => {
    const s = setup("gaussdb", {}, 3);
    await submit(
      "gaussdb",
      s,
      {
        ...(await planFor("gaussdb", s)),
        batches: [{ group: "3.208.0.6", inputs: [s.fleet.instances[0]!.id] }],
      } as never,
      { startTime: new Date(T0 + 3_600_000) },
    );
    const plan = await planGaussDbHotfixes(s.clients.gaussdb, { targetVersion: "3.208.0.9" });
    expect(plan.rows.map((r) => r.reason)).toEqual(["status", "target-not-offered", "target-not-offered"]);
    const pendingOnly = await planGaussDbHotfixes(s.clients.gaussdb, {
      selector: { ids: [s.fleet.instances[0]!.id, "missing"] },
    });
    expect(pendingOnly.rows.map((r) => r.reason)).toEqual(["status", "not-found"]);
  });

  it("GeminiDB plan groups engines (one per request); grouping 'single' keeps the largest", async () => {
    const s = setup("geminidb", {}, 8);
    const plan = await planFor("geminidb", s);
    expect(plan.batches.map((b) => [b.group, b.inputs.length])).toEqual([
      ["cassandra", 6],
      ["redis", 2],
    ]);
    const single = await planGeminiDbUpgrades(s.clients.geminidb, { grouping: "single" });
    expect(single.rows.filter((r) => r.reason === "mixed-engines")).toHaveLength(2);
    const selected = await planGeminiDbUpgrades(s.clients.geminidb, {
      selector: { engine: "redis", name: "geminidb-000?" },
    });
    expect(selected.rows.map((r) => r.instanceId)).toEqual([s.fleet.instances[3]!.id, s.fleet.instances[7]!.id]);
  });
});
