// End to end, --tag against the standalone mock: DDS and openGauss select exactly the instances carrying every
// tag (the mock filters server-side, the CLI checks again), the plan's JSON and table show each instance's
// maintenance window and target / candidate versions, and GeminiDB refuses --tag (exit 2) saying why.
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade, mockEnv, recordUpgrades } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 11, jobDurationMs: 400 });
});
afterAll(() => server.close());

interface Row {
  instanceId: string;
  maintenanceWindow: string | null;
  to: string;
  candidates: string[] | null;
  tags: Record<string, string> | null;
}

const plan = (service: "geminidb" | "taurusdb" | "dds" | "gaussdb", args: string[]) =>
  dbupgrade(["plan", "--service", service, "--endpoint", server.baseUrlOf(service), ...args], {
    cwd: tempDir(),
    env: mockEnv(),
  });

describe.each(["dds", "gaussdb"] as const)("%s", (service) => {
  it("plan --tag env=prod selects exactly the tagged instances, with window and versions", async () => {
    const fleet = server.mock.fleet.instances(service);
    const prod = fleet.filter((i) => i.tags.env === "prod").map((i) => i.id);
    expect(prod.length).toBeGreaterThan(0);
    expect(prod.length).toBeLessThan(fleet.length);
    const result = await plan(service, ["--tag", "env=prod", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(EXIT.ok);
    const rows = (JSON.parse(result.stdout) as { rows: Row[] }).rows;
    expect(rows.map((r) => r.instanceId).sort()).toEqual([...prod].sort());
    for (const row of rows) {
      const instance = fleet.find((i) => i.id === row.instanceId)!;
      expect(row.tags).toEqual(instance.tags);
      expect(row.maintenanceWindow).toBe(instance.maintenanceWindow);
    }
    // openGauss lists the offered hot patches and picks the newest; DDS's API does not expose its target.
    if (service === "gaussdb") {
      const eligible = rows.filter((r) => r.candidates !== null && r.candidates.length > 0);
      expect(eligible.length).toBeGreaterThan(0);
      for (const row of eligible) expect(row.to).toBe(row.candidates!.at(-1));
    } else expect(rows.every((r) => r.candidates === null && r.to === "not exposed")).toBe(true);
  });

  it("--tag is ANDed: env=prod and team=payments select fewer", async () => {
    const both = server.mock.fleet
      .instances(service)
      .filter((i) => i.tags.env === "prod" && i.tags.team === "payments")
      .map((i) => i.id);
    const result = await plan(service, ["--tag", "env=prod", "--tag", "team=payments", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const rows = (JSON.parse(result.stdout) as { rows: Row[] }).rows;
    expect(rows.map((r) => r.instanceId).sort()).toEqual([...both].sort());
  });

  it("the table shows the maintenance window", async () => {
    const result = await plan(service, ["--tag", "env=prod", "--no-color"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/WINDOW/);
    expect(result.stdout).toContain(server.mock.fleet.instances(service)[0]!.maintenanceWindow);
    if (service === "gaussdb") expect(result.stdout).toMatch(/CANDIDATES/);
  });
});

it("apply --tag sends exactly the eligible tagged instances (DDS)", async () => {
  server.resetHandlers();
  const recorder = recordUpgrades(server);
  const before = await plan("dds", ["--tag", "env=prod", "--tag", "team=payments", "--json"]);
  const eligible = (JSON.parse(before.stdout) as { rows: (Row & { eligible: boolean })[] }).rows
    .filter((r) => r.eligible)
    .map((r) => r.instanceId);
  expect(eligible.length).toBeGreaterThan(0);
  const result = await dbupgrade(
    [
      "apply",
      "--service",
      "dds",
      "--endpoint",
      server.baseUrlOf("dds"),
      "--tag",
      "env=prod",
      "--tag",
      "team=payments",
    ].concat(["--yes", "--report", "run.json"]),
    { cwd: tempDir(), env: mockEnv() },
  );
  expect(result.code).toBe(EXIT.ok);
  expect(recorder.sent().sort()).toEqual([...eligible].sort());
  server.mock.reset();
});

it("TaurusDB's plan says its list has no maintenance window", async () => {
  const result = await plan("taurusdb", ["--tag", "env=prod", "--json"]);
  expect(result.code).toBe(EXIT.ok);
  const rows = (JSON.parse(result.stdout) as { rows: Row[] }).rows;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.maintenanceWindow === "not in the list API")).toBe(true);
});

it("--tag on geminidb is a usage error that says why (exit 2)", async () => {
  const result = await plan("geminidb", ["--tag", "env=prod"]);
  expect(result.code).toBe(EXIT.usage);
  expect(result.stderr).toMatch(/--tag: geminidb: its instance list \(ListInstances\) neither filters by tags/);
});

it("--tag needs key=value", async () => {
  const result = await plan("dds", ["--tag", "prod"]);
  expect(result.code).toBe(EXIT.usage);
  expect(result.stderr).toMatch(/--tag prod: expected key=value/);
});
