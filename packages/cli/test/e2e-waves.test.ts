// End to end, the real executable against the standalone mock: apply in waves for GeminiDB and
// openGauss. A failing canary stops the run before any wave; waves start only after the previous one
// ended; --max-errors stops at its threshold and --resume goes on with the next wave; kill -9 during
// a wave and --resume lose and duplicate nothing.
import { join } from "node:path";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade, mockEnv, peek, readJson, recordUpgrades, start, until, type Recorder } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

let server: RunningMockServer;
let recorder: Recorder;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 21, jobDurationMs: 300, visibilityDelayMs: 50 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  recorder = recordUpgrades(server);
});

type Service = "geminidb" | "gaussdb";
const extra: Record<Service, string[]> = { geminidb: [], gaussdb: ["--start-time", "+1s"] };

/** n available instances of the service (one GeminiDB engine, so they can share requests). */
function fleetOf(service: Service, n: number): string[] {
  const engine = server.mock.fleet.instances(service, { status: "available" })[0]?.engine;
  const filter = { status: "available" as const, ...(service === "geminidb" && engine ? { engine } : {}) };
  while (server.mock.fleet.instances(service, filter).length < n) server.mock.fleet.add(service, filter);
  return server.mock.fleet
    .instances(service, filter)
    .slice(0, n)
    .map((i) => i.id);
}

/** The eligible instances in plan order: the order the waves take them in. */
async function planOrder(service: Service, ids: string[], dir: string): Promise<string[]> {
  const plan = await dbupgrade(
    ["plan", "--service", service, "--ids", ids.join(","), "--endpoint", server.baseUrlOf(service), "--json"],
    { cwd: dir, env: mockEnv() },
  );
  expect(plan.code, plan.stderr).toBe(EXIT.ok);
  return (JSON.parse(plan.stdout) as { rows: { instanceId: string; eligible: boolean }[] }).rows
    .filter((r) => r.eligible)
    .map((r) => r.instanceId);
}

/** n instances the plan finds eligible (an available instance may already run the latest version), in plan order. */
async function eligible(service: Service, n: number, dir: string): Promise<string[]> {
  for (let extra = 0; extra <= 20; extra += 2) {
    const order = await planOrder(service, fleetOf(service, n + extra), dir);
    if (order.length >= n) return order.slice(0, n);
  }
  throw new Error(`the mock fleet has fewer than ${n} eligible ${service} instances`);
}

const applyArgs = (service: Service, ids: string[], more: string[]) => [
  "apply",
  "--service",
  service,
  "--ids",
  ids.join(","),
  "--endpoint",
  server.baseUrlOf(service),
  ...extra[service],
  "--yes",
  "--poll-interval",
  "0.1",
  "--report",
  "run.json",
  ...more,
];

const count = (ids: readonly string[]) => {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  return seen;
};

describe.each(["geminidb", "gaussdb"] as const)("%s in waves", (service) => {
  it("a canary of 2 with one failing job stops the run; only the canary reached the server", async () => {
    const dir = tempDir();
    const order = await eligible(service, 8, dir);
    server.mock.scenario("failingJob", { api: service, instances: [order[1]!] });
    const run = await dbupgrade(applyArgs(service, order, ["--canary", "2", "--wave-size", "3"]), { cwd: dir });
    expect(run.code, run.stderr).toBe(EXIT.someFailed);
    expect(recorder.sent().sort()).toEqual(order.slice(0, 2).sort());
    const stopLines = run.stderr.split("\n").filter((l) => l.startsWith("dbupgrade: stopped by"));
    expect(stopLines).toHaveLength(1);
    expect(stopLines[0]).toContain("--max-errors 0: 1 error among 2 instances started");
    expect(stopLines[0]).toContain("dbupgrade apply --resume run.json --max-errors");
    const report = readJson(join(dir, "run.json"));
    expect(report.rollout?.waves.map((w) => [w.kind, w.members.length, w.outcome ?? null])).toEqual([
      ["canary", 2, "stopped"],
      ["wave", 3, null],
      ["wave", 3, null],
    ]);
    expect(report.rollout?.stop).toMatchObject({ reason: "max-errors", wave: 0, errors: 1, started: 2, allowed: 0 });
    expect(report.runs.at(-1)?.outcome).toBe("failed");
    const json = await dbupgrade(["report", "run.json", "--json"], { cwd: dir, env: mockEnv() });
    expect(JSON.parse(json.stdout).rollout.stop).toMatchObject({ reason: "max-errors", maxErrors: "0" });
  });

  it("20 instances in waves of 25 %: four waves, each sent after the previous one's jobs ended", async () => {
    const dir = tempDir();
    const order = await eligible(service, 20, dir);
    const run = await dbupgrade(applyArgs(service, order, ["--wave-size", "25%"]), { cwd: dir });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const report = readJson(join(dir, "run.json"));
    const waves = report.rollout!.waves;
    expect(waves.map((w) => [w.members, w.outcome, w.confirmed])).toEqual(
      [0, 1, 2, 3].map((k) => [order.slice(5 * k, 5 * k + 5), "confirmed", 5]),
    );
    expect(report.instances.filter((i) => i.job?.state === "completed")).toHaveLength(20);
    // At the server: every instance once, and no job of wave k before every job of wave k-1 ended.
    expect([...count(recorder.sent()).values()].every((n) => n === 1)).toBe(true);
    expect(recorder.sent().sort()).toEqual([...order].sort());
    const jobs = server.mock.fleet.jobs(service);
    const jobOf = (id: string) => jobs.find((j) => j.instanceId === id)!;
    for (let k = 1; k < 4; k++) {
      const previousEnd = Math.max(...waves[k - 1]!.members.map((id) => jobOf(id).endedAt!));
      const firstSubmit = Math.min(...waves[k]!.members.map((id) => jobOf(id).submittedAt));
      expect(firstSubmit).toBeGreaterThanOrEqual(previousEnd);
      expect(Date.parse(waves[k]!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(waves[k - 1]!.endedAt!));
    }
    // Live progress names the wave.
    expect(run.stderr).toMatch(new RegExp(`^${service} wave 4/4: submitting 5 instances`, "m"));
  });

  it("--max-errors 10% stops at the threshold; --resume with a larger one goes on with the next wave", async () => {
    const dir = tempDir();
    const order = await eligible(service, 20, dir);
    // One failure in wave 2 (1 of 10 started: within 10 %), one in wave 3 (2 of 15: over).
    server.mock.scenario("failingJob", { api: service, instances: [order[6]!, order[12]!] });
    const first = await dbupgrade(applyArgs(service, order, ["--wave-size", "5", "--max-errors", "10%"]), {
      cwd: dir,
    });
    expect(first.code, first.stderr).toBe(EXIT.someFailed);
    expect(first.stderr).toContain(
      "stopped by --max-errors 10%: 2 errors among 15 instances started (at most 1 allowed)",
    );
    expect(recorder.sent().sort()).toEqual(order.slice(0, 15).sort());

    const env = mockEnv();
    const resume = ["apply", "--resume", "run.json", "--yes", "--poll-interval", "0.1"];
    const same = await dbupgrade(resume, { cwd: dir, env });
    expect(same.code, same.stderr).toBe(EXIT.someFailed);
    expect(same.stderr).toContain("stopped by --max-errors 10%: 2 errors among 15 instances started");
    expect(recorder.sent()).toHaveLength(15); // errors already counted still count: nothing sent

    const larger = await dbupgrade([...resume, "--max-errors", "15%"], { cwd: dir, env });
    expect(larger.code, larger.stderr).toBe(EXIT.someFailed); // the two failed jobs are still problems
    expect(larger.stderr).not.toContain("stopped by");
    expect(recorder.sent().sort()).toEqual([...order].sort());
    expect([...count(recorder.sent()).values()].every((n) => n === 1)).toBe(true);
    const report = readJson(join(dir, "run.json"));
    expect(report.rollout?.maxErrors).toBe("15%");
    expect(report.rollout?.stop).toBeUndefined();
    expect(report.rollout?.waves.map((w) => w.outcome)).toEqual(["confirmed", "errors", "stopped", "confirmed"]);
  });

  it("kill -9 during a wave, then --resume: nothing lost, nothing sent twice", async () => {
    const dir = tempDir();
    const order = await eligible(service, 20, dir);
    const path = join(dir, "run.json");
    const run = start(applyArgs(service, order, ["--wave-size", "25%"]), { cwd: dir });
    // Wave 2 answered and being followed: kill.
    await until(() => {
      const report = peek(path);
      const wave = report?.rollout?.waves[1];
      return (
        wave?.startedAt !== undefined &&
        wave.members.every(
          (id) => report!.instances.find((i) => i.instanceId === id)?.submission?.status === "submitted",
        )
      );
    });
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
    const sentBefore = recorder.sent().length;
    expect(sentBefore).toBeGreaterThanOrEqual(10);
    expect(sentBefore).toBeLessThan(20);

    const resumed = await dbupgrade(["apply", "--resume", "run.json", "--yes", "--poll-interval", "0.1"], { cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(EXIT.ok);
    expect(recorder.sent().sort()).toEqual([...order].sort());
    expect([...count(recorder.sent()).values()].every((n) => n === 1)).toBe(true);
    const report = readJson(path);
    expect(report.instances.filter((i) => i.job?.state === "completed")).toHaveLength(20);
    expect(report.rollout?.waves.map((w) => w.outcome)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    expect(report.runs.map((r) => r.outcome ?? "killed")).toEqual(["killed", "finished"]);
  });
});
