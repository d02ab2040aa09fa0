// End to end, the real executable against the standalone mock server, for each of the four
// services: plan → apply → wait → report, with exit codes, report contents and what reached the server.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade, mockEnv, readJson, recordUpgrades, type Recorder } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

let server: RunningMockServer;
let recorder: Recorder;
beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    seed: 11,
    jobDurationMs: 400,
    visibilityDelayMs: 100,
    maintenanceDelayMs: 400,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  recorder = recordUpgrades(server);
});

type Service = "geminidb" | "taurusdb" | "dds" | "gaussdb";

/** Available instances of one service (one GeminiDB engine, so they can share a request). */
function pick(service: Service, n: number): string[] {
  const engine = server.mock.fleet.instances(service, { status: "available" })[0]?.engine;
  const matching = () =>
    server.mock.fleet.instances(service, { status: "available", ...(engine === undefined ? {} : { engine }) });
  while (matching().length < n)
    server.mock.fleet.add(service, { status: "available", ...(engine === undefined ? {} : { engine }) });
  return matching()
    .slice(0, n)
    .map((i) => i.id);
}

const serviceArgs: Record<Service, string[]> = {
  geminidb: [],
  dds: [],
  taurusdb: [],
  gaussdb: ["--start-time", "+1s"],
};

describe.each(["geminidb", "taurusdb", "dds", "gaussdb"] as const)("%s", (service) => {
  it("plan → apply → wait → report", async () => {
    const dir = tempDir();
    const ids = pick(service, 3);
    expect(ids.length).toBe(3);
    const busy = server.mock.fleet.instances(service, { status: "frozen" })[0]!.id;
    writeFileSync(join(dir, "ids.txt"), `# ${service} instances\n${[...ids, busy].join("\n")}\n`);
    const env = mockEnv();
    const endpoint = ["--endpoint", server.baseUrlOf(service)];

    const plan = await dbupgrade(
      ["plan", "--service", service, "--ids-file", "ids.txt", ...endpoint, ...serviceArgs[service], "--json"],
      { cwd: dir, env },
    );
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(EXIT.ok);
    const planned = JSON.parse(plan.stdout) as {
      rows: { instanceId: string; eligible: boolean }[];
      chunks: string[][];
    };
    const requests = planned.chunks.length; // TaurusDB: one request per source version
    expect(
      planned.rows
        .filter((r) => r.eligible)
        .map((r) => r.instanceId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(planned.rows.find((r) => r.instanceId === busy)?.eligible).toBe(false);
    expect(recorder.requests).toEqual([]); // planning sends no upgrade

    const apply = await dbupgrade(
      [
        "apply",
        "--service",
        service,
        "--ids-file",
        "ids.txt",
        ...endpoint,
        ...serviceArgs[service],
        "--yes",
        "--report",
        "run.json",
      ],
      { cwd: dir, env },
    );
    expect(apply.code, apply.stderr).toBe(EXIT.ok);
    expect(apply.stdout).toContain("report: run.json");
    expect(apply.stderr).toMatch(new RegExp(`^${service}: submitting 3 instances in ${requests} requests?$`, "m"));
    expect(recorder.sent().sort()).toEqual([...ids].sort());
    const submitted = readJson(join(dir, "run.json"));
    expect(submitted.phase).toBe("submitted");
    expect(submitted.instances.filter((i) => i.submission?.status === "submitted").length).toBe(3);

    const wait = await dbupgrade(["wait", "--report", "run.json", "--poll-interval", "0.2"], { cwd: dir, env });
    expect(wait.code, wait.stderr).toBe(EXIT.ok);
    expect(wait.stderr).toMatch(new RegExp(`^${service}: following 3 upgrades`, "m"));
    const done = readJson(join(dir, "run.json"));
    expect(done.phase).toBe("done");
    expect(
      done.instances
        .filter((i) => i.job?.state === "completed")
        .map((i) => i.instanceId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(done.runs.map((r) => [r.command, r.outcome])).toEqual([
      ["apply", "finished"],
      ["wait", "finished"],
    ]);

    const report = await dbupgrade(["report", "run.json"], { cwd: dir, env });
    expect(report.code).toBe(EXIT.ok);
    expect(report.stdout).toContain(`${service}: 4 instances: 1 ineligible, 3 completed`);
    const json = await dbupgrade(["report", "run.json", "--json"], { cwd: dir, env });
    expect(JSON.parse(json.stdout).summary.states).toMatchObject({ completed: 3, ineligible: 1 });
    // The credentials are nowhere in what the run left behind.
    expect(readFileSync(join(dir, "run.json"), "utf8")).not.toContain(defaultMockCredentials.token);
    for (const output of [plan, apply, wait, report, json])
      expect(output.stdout + output.stderr).not.toContain(defaultMockCredentials.token);
    // Nothing was sent twice, and only as planned.
    expect(recorder.requests.map((r) => r.instanceIds)).toEqual(planned.chunks);
  });
});

describe("apply --wait", () => {
  it("submits and follows in one go, and reports a failed job with exit 1", async () => {
    const dir = tempDir();
    const ids = pick("dds", 4);
    server.mock.scenario("failingJob", { api: "dds", instanceId: ids[1] });
    const run = await dbupgrade(
      [
        "apply",
        "--service",
        "dds",
        "--ids",
        ids.join(","),
        "--endpoint",
        server.baseUrlOf("dds"),
        "--yes",
        "--wait",
        "--poll-interval",
        "0.2",
        "--report",
        "r.json",
        "--json",
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(EXIT.someFailed);
    const result = JSON.parse(run.stdout) as {
      summary: { states: Record<string, number> };
      instances: { instanceId: string; state: string }[];
    };
    expect(result.summary.states).toMatchObject({ completed: 3, "job failed": 1 });
    expect(result.instances.find((i) => i.instanceId === ids[1])?.state).toBe("job failed");
  });
});
