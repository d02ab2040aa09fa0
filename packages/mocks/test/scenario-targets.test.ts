// failingJob aimed at chosen instances or at a fraction of them: exactly those jobs fail, the same
// ones for the same seed, and bad targets are refused.
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";

function fleetOf(n: number, seed = 7) {
  const mock = createMockApi({ seed, instancesPerApi: 2, jobDurationMs: 1_000 });
  while (mock.fleet.instances("dds", { status: "available" }).length < n)
    mock.fleet.add("dds", { status: "available" });
  const ids = mock.fleet
    .instances("dds", { status: "available" })
    .slice(0, n)
    .map((i) => i.id);
  const runAll = () => {
    for (const id of ids) mock.fleet.startUpgrade("dds", id);
    mock.fleet.settle();
    return new Set(
      mock.fleet
        .jobs("dds")
        .filter((j) => j.status === "failed")
        .map((j) => j.instanceId),
    );
  };
  return { mock, ids, runAll };
}

describe("failingJob targets", () => {
  it("instances: the jobs of exactly those instances fail", () => {
    const { mock, ids, runAll } = fleetOf(8);
    mock.scenario("failingJob", { api: "dds", instances: [ids[2]!, ids[5]!] });
    expect(runAll()).toEqual(new Set([ids[2], ids[5]]));
  });

  it("fraction: about that share fails, the same instances for the same seed", () => {
    const first = fleetOf(400, 3);
    first.mock.scenario("failingJob", { fraction: 0.25 });
    const failed = first.runAll();
    expect(failed.size).toBeGreaterThan(60);
    expect(failed.size).toBeLessThan(140);
    const again = fleetOf(400, 3);
    again.mock.scenario("failingJob", { fraction: 0.25 });
    expect(again.runAll()).toEqual(failed);
  });

  it("refuses a bad target", () => {
    const { mock, ids } = fleetOf(2);
    expect(() => mock.scenario("failingJob", { fraction: 0 })).toThrow(/fraction/);
    expect(() => mock.scenario("failingJob", { fraction: 1.5 })).toThrow(/fraction/);
    expect(() => mock.scenario("failingJob", { instances: [] })).toThrow(/instances/);
    expect(() => mock.scenario("failingJob", { instances: [ids[0]!], fraction: 0.5 })).toThrow(/one of/);
  });
});
