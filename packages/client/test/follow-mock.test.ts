// The workflow against @dbupgrade/mocks (the jobs helper's fleet) on a clock the test moves: each
// service planned, submitted and followed through the mock's own job APIs, with its scenarios: a job
// that fails, one that hangs, an instance deleted mid-upgrade, and 500s from the job APIs.
import { createMockApi } from "@dbupgrade/mocks";
import type { ApiName } from "@dbupgrade/meta";
import { getResponse } from "msw";
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
  type FollowedInstance,
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
    instancesPerApi: 6,
    jobDurationMs: 60_000,
    seed: 3,
    baseUrl: {
      geminidb: "https://mock.test/geminidb",
      dds: "https://mock.test/dds",
      taurusdb: "https://mock.test/taurusdb",
      gaussdb: "https://mock.test/gaussdb",
    },
  });
  const fetch = async (request: Request): Promise<Response> => {
    const response = await getResponse(mock.handlers, request);
    if (response === undefined) throw new Error(`unhandled ${request.method} ${request.url}`);
    if (response.type === "error") throw new TypeError("fetch failed");
    return response;
  };
  return { clock, mock, fetch };
}

async function run(api: ApiName) {
  const h = harness();
  const common = {
    baseUrl: `https://mock.test/${api}`,
    projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
    auth: { token: "dbupgrade-local-token" },
    fetch: h.fetch,
    timeoutMs: 2_000,
  };
  const now = h.clock.now;
  let plan;
  const submitted: any[] = [];
  let client: any;
  switch (api) {
    case "geminidb": {
      client = createGeminiDbClient(common);
      plan = await planGeminiDbUpgrades(client);
      break;
    }
    case "dds":
      client = createDdsClient(common);
      plan = await planDdsUpgrades(client);
      break;
    case "taurusdb":
      client = createTaurusDbClient(common);
      plan = await planTaurusDbUpgrades(client);
      break;
    case "gaussdb":
      client = createGaussDbClient(common);
      plan = await planGaussDbHotfixes(client);
      break;
  }
  const ids: string[] = plan.batches.flatMap((b: { inputs: (string | { instanceId: string })[] }) =>
    b.inputs.map((i) => (typeof i === "string" ? i : i.instanceId)),
  );
  expect(ids.length).toBeGreaterThanOrEqual(3);
  h.mock.scenario("failingJob", { api, instanceId: ids[0]! });
  h.mock.scenario("hangingJob", { api, instanceId: ids[1]! });
  h.mock.scenario("instanceDeleted", { api, instanceId: ids[2]! });
  for (const batch of plan.batches as { group: string; inputs: any[] }[]) {
    if (api === "geminidb") submitted.push(await upgradeGeminiDbInBatches(client, batch.inputs, { now }));
    if (api === "dds") submitted.push(await upgradeDdsInBatches(client, batch.inputs, { now }));
    if (api === "taurusdb") submitted.push(await upgradeTaurusDbInBatches(client, batch.inputs, { delay: false, now }));
    if (api === "gaussdb")
      submitted.push(
        await scheduleGaussDbHotfixInBatches(client, batch.inputs, {
          startTime: new Date(T0 + 60_000),
          targetVersion: batch.group,
          now,
        }),
      );
  }
  const source = { ...submitted[0], outcomes: submitted.flatMap((r) => r.outcomes) };
  expect(source.outcomes.filter((o: { status: string }) => o.status === "submitted")).toHaveLength(ids.length);
  h.mock.scenario("jobApiErrors", { api, kind: "500", times: 2 });
  const follow = followUpgrades(client, source, {
    clock: h.clock,
    random: () => 0.5,
    initialIntervalMs: 5_000,
    maxRequestsPerSecond: 20,
    deadline: T0 + 20 * 60_000,
    visibilityGraceMs: 60_000,
  });
  const seen: FollowedInstance[] = [];
  for await (const instance of follow) seen.push(instance);
  const report = await follow.report;
  return { ids, report, seen };
}

describe.each(["geminidb", "dds", "taurusdb", "gaussdb"] as const)("%s against the mock fleet", (api) => {
  it("follows every submitted instance once: failed, running at the deadline, failed (instance deleted), completed; job API 500s retried", async () => {
    const { ids, report, seen } = await run(api);
    expect(seen.map((i) => i.instanceId).sort()).toEqual([...ids].sort());
    const by = (id: string) => report.instances.find((i) => i.instanceId === id)!;
    expect(by(ids[0]!)).toMatchObject({ state: "failed", final: true });
    expect(by(ids[1]!)).toMatchObject({ state: "running", final: false });
    expect(by(ids[2]!)).toMatchObject({ state: "failed", final: true });
    if (api !== "gaussdb") expect(by(ids[2]!).failReason).toBe("The DB instance has been deleted.");
    for (const id of ids.slice(3)) expect(by(id).state).toBe("completed");
    expect(report.pollFailures).toBe(2);
    expect(report.deadlineReached).toBe(true);
  }, 60_000);
});
