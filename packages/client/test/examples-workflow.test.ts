// The README's "plan, submit, follow" examples, run against a fleet whose jobs take 1.5 s of real time
// (the examples use the real clock), served at the examples' mock URL through MSW.
import { apiNames, type ApiName } from "@dbupgrade/meta";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { fakeFleet } from "./support/fake-fleet.js";

const mock = "http://127.0.0.1:4010";
const fleets = Object.fromEntries(
  apiNames.map((api) => [api, fakeFleet({ api, now: Date.now, instances: 6, jobDurationMs: 1_500 })]),
) as Record<ApiName, ReturnType<typeof fakeFleet>>;
const server = setupServer(
  ...apiNames.map((api) => http.all(`${mock}/${api}/*`, ({ request }) => fleets[api].fetch(request))),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterAll(() => {
  server.close();
  vi.restoreAllMocks();
});

it("plan-submit-follow: a DDS plan feeds the batch helper; every submitted instance is followed to the end; the JSON report resumes", async () => {
  fleets.dds.instances[2]!.status = "frozen";
  const { plan, report, resumed } = await import("../examples/plan-submit-follow.js");
  // The selector (status normal) leaves the frozen one out of the plan altogether.
  expect(plan.counts).toEqual({ listed: 6, selected: 5, eligible: 5, ineligible: 0 });
  expect(plan.rows.every((r) => r.etaMinutes === 5 && r.request === 1)).toBe(true);
  expect(report.counts).toMatchObject({ completed: 5 });
  expect(resumed.instances).toEqual(report.instances);
  expect(resumed.requests).toBe(0);
  expect(fleets.dds.invalid).toEqual([]);
}, 30_000);

it("upgrade-and-wait: a TaurusDB dry run sends nothing; the run keeps plan, submit and follow per instance", async () => {
  const { preview, run } = await import("../examples/upgrade-and-wait.js");
  expect(preview.dryRun).toBe(true);
  expect(preview.submit).toBeNull();
  expect(preview.plan.counts).toMatchObject({ selected: 6, eligible: 6 });
  expect(run.instances).toHaveLength(6);
  expect(run.instances.every((i) => i.submit?.status === "submitted" && i.follow?.state === "completed")).toBe(true);
  expect(fleets.taurusdb.requests.filter((r) => r.op === "batchUpgradeDatabases")).toHaveLength(2);
  expect(fleets.taurusdb.invalid).toEqual([]);
}, 30_000);

it("rollout-waves: a canary then waves, each sent after the previous one's jobs ended", async () => {
  const { rollout } = await import("../examples/rollout-waves.js");
  expect(rollout.stopped).toBeUndefined();
  expect(rollout.waves.map((w) => [w.kind, w.outcome])).toEqual([
    ["canary", "confirmed"],
    ["wave", "confirmed"],
    ["wave", "confirmed"],
  ]);
  // 6 instances: 1, then 34 % of 6 (3), then the last 2; one request per wave and engine.
  expect(rollout.waves.map((w) => w.members.length)).toEqual([1, 3, 2]);
  expect(rollout.requests).toBe(fleets.geminidb.requests.filter((r) => r.op === "batchUpgradeDatabaseVersion").length);
  expect(fleets.geminidb.invalid).toEqual([]);
}, 60_000);
