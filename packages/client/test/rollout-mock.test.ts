// rolloutUpgrades against @dbupgrade/mocks on a virtual clock: waves reach the server one after
// another, a failing canary stops the rollout before any wave, and a TaurusDB/openGauss run works alike.
import { createMockApi } from "@dbupgrade/mocks";
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import {
  createGaussDbClient,
  createGeminiDbClient,
  planGaussDbHotfixes,
  planGeminiDbUpgrades,
  rolloutUpgrades,
} from "../src/index.js";

const T0 = Date.UTC(2030, 0, 1);

function harness() {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => void (signal?.aborted ? 0 : (clock.t += Math.max(0, ms))),
  };
  const mock = createMockApi({
    clock: clock.now,
    instancesPerApi: 4,
    jobDurationMs: 60_000,
    seed: 5,
    baseUrl: { geminidb: "https://mock.test/geminidb", gaussdb: "https://mock.test/gaussdb" },
  });
  /** Upgrade requests in arrival order, with the mock time they arrived at. */
  const upgrades: { at: number; count: number }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    if (request.method === "POST" || request.method === "PUT") {
      const body = (await request.clone().json()) as { instance_ids?: string[] };
      if (body.instance_ids) upgrades.push({ at: clock.t, count: body.instance_ids.length });
    }
    const response = await getResponse(mock.handlers, request);
    if (response === undefined) throw new Error(`unhandled ${request.method} ${request.url}`);
    if (response.type === "error") throw new TypeError("fetch failed");
    return response;
  };
  const options = (api: string) => ({
    baseUrl: `https://mock.test/${api}`,
    projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
    auth: { token: "dbupgrade-local-token" },
    fetch,
    timeoutMs: 2_000,
  });
  const follow = { clock, random: () => 0.5, initialIntervalMs: 5_000, visibilityGraceMs: 60_000 };
  return { clock, mock, upgrades, options, follow, sleep: (ms: number) => clock.sleep(ms) };
}

describe("rolloutUpgrades", () => {
  it("geminidb: 12 instances in waves of 25 %, each sent after the previous one's jobs ended", async () => {
    const h = harness();
    const engine = h.mock.fleet.instances("geminidb", { status: "available" })[0]!.engine;
    while (h.mock.fleet.instances("geminidb", { status: "available", engine }).length < 12)
      h.mock.fleet.add("geminidb", { status: "available", engine });
    const client = createGeminiDbClient(h.options("geminidb"));
    const ids = h.mock.fleet.instances("geminidb", { status: "available", engine }).map((i) => i.id);
    const plan = await planGeminiDbUpgrades(client, { selector: { ids } });
    expect(plan.counts.eligible).toBe(12);
    const report = await rolloutUpgrades(client, plan, {
      waveSize: "25%",
      bakeMs: 30_000,
      sleep: (ms) => h.sleep(ms),
      follow: h.follow,
      batch: { now: h.clock.now },
    });
    expect(report.stopped, JSON.stringify([report.stopped, report.outcomes])).toBeUndefined();
    expect(report.waves.map((w) => [w.members.length, w.outcome])).toEqual([
      [3, "confirmed"],
      [3, "confirmed"],
      [3, "confirmed"],
      [3, "confirmed"],
    ]);
    expect(report.waves.flatMap((w) => w.members)).toEqual(
      plan.rows.filter((r) => r.eligible).map((r) => r.instanceId),
    );
    // One request per wave; each after the previous wave's jobs (60 s) and the bake (30 s).
    expect(h.upgrades.map((u) => u.count)).toEqual([3, 3, 3, 3]);
    for (let i = 1; i < 4; i++) expect(h.upgrades[i]!.at - h.upgrades[i - 1]!.at).toBeGreaterThanOrEqual(90_000);
    expect(report.requests).toBe(4);
  });

  it("gaussdb: a failing canary job over --max-errors 0 stops before the first wave", async () => {
    const h = harness();
    while (h.mock.fleet.instances("gaussdb", { status: "available" }).length < 6)
      h.mock.fleet.add("gaussdb", { status: "available" });
    const client = createGaussDbClient(h.options("gaussdb"));
    const plan = await planGaussDbHotfixes(client);
    const ids = plan.rows.filter((r) => r.eligible).map((r) => r.instanceId);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    h.mock.scenario("failingJob", { api: "gaussdb", instanceId: ids[1]! });
    h.upgrades.length = 0; // the plan's candidate-version reads are POSTs too
    const report = await rolloutUpgrades(client, plan, {
      canary: 2,
      waveSize: 2,
      maxErrors: 0,
      startTime: new Date(T0),
      follow: h.follow,
      batch: { now: h.clock.now },
    });
    expect(report.stopped).toMatchObject({ reason: "max-errors", errors: 1, started: 2, maxErrors: "0" });
    expect(h.upgrades.reduce((n, u) => n + u.count, 0)).toBe(2);
    expect(report.outcomes[ids[1]!]?.follow).toMatchObject({ state: "failed" });
    expect(report.outcomes[ids[0]!]?.follow).toMatchObject({ state: "completed" });
  });
});
