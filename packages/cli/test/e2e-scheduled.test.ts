// End to end: `scheduled list` and `scheduled cancel` against the standalone mock, for TaurusDB
// (apply --delay: upgrades wait for the maintenance window) and openGauss (apply --start-time).
import { join } from "node:path";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade, mockEnv } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    seed: 8,
    jobDurationMs: 1_000,
    visibilityDelayMs: 0,
    maintenanceDelayMs: 3_600_000,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
});

const schedule: Record<"taurusdb" | "gaussdb", string[]> = {
  taurusdb: ["--delay"],
  gaussdb: ["--start-time", "+1h"],
};

interface Outcome {
  instanceId: string;
  taskId: string | null;
  status: string;
  detail: string | null;
}

describe.each(["taurusdb", "gaussdb"] as const)("%s scheduled upgrades", (service) => {
  it("lists what apply scheduled, cancels per instance, and reports what cannot be cancelled", async () => {
    const dir = tempDir();
    const env = mockEnv();
    const endpoint = ["--endpoint", server.baseUrlOf(service)];
    while (server.mock.fleet.instances(service, { status: "available" }).length < 3)
      server.mock.fleet.add(service, { status: "available" });
    const ids = server.mock.fleet
      .instances(service, { status: "available" })
      .slice(0, 3)
      .map((i) => i.id);
    const apply = await dbupgrade(
      [
        "apply",
        "--service",
        service,
        "--ids",
        ids.join(","),
        ...endpoint,
        ...schedule[service],
        "--yes",
        "--report",
        "run.json",
      ],
      { cwd: dir, env },
    );
    expect(apply.code, apply.stderr).toBe(EXIT.ok);

    const list = await dbupgrade(["scheduled", "list", "--service", service, ...endpoint, "--json"], { cwd: dir, env });
    expect(list.code, list.stderr).toBe(EXIT.ok);
    const listed = JSON.parse(list.stdout) as {
      upgrades: { instanceId: string; taskId: string; status: string; startTime: string }[];
    };
    expect(listed.upgrades.map((u) => u.instanceId).sort()).toEqual([...ids].sort());
    for (const u of listed.upgrades) {
      expect(u.status).toBe("Pending");
      expect(u.startTime).toBeTruthy();
    }
    const table = await dbupgrade(["scheduled", "list", "--service", service, ...endpoint], { cwd: dir, env });
    expect(table.stdout).toContain(`${service}: 3 pending scheduled upgrades`);

    // Not on a terminal: --yes is required, and nothing is cancelled without it.
    const unconfirmed = await dbupgrade(["scheduled", "cancel", "--service", service, ...endpoint, "--ids", ids[0]!], {
      cwd: dir,
      env,
    });
    expect(unconfirmed.code).toBe(EXIT.usage);

    const first = await dbupgrade(
      ["scheduled", "cancel", "--service", service, ...endpoint, "--ids", ids[0]!, "--yes", "--json"],
      { cwd: dir, env },
    );
    expect(first.code, first.stderr).toBe(EXIT.ok);
    expect((JSON.parse(first.stdout) as { outcomes: Outcome[] }).outcomes).toEqual([
      expect.objectContaining({ instanceId: ids[0], status: "cancelled" }),
    ]);
    expect(server.mock.fleet.jobs(service).find((j) => j.instanceId === ids[0])?.status).toBe("canceled");

    // Past the start: the others run now; they, an unknown id and the cancelled one cannot be cancelled.
    server.mock.fleet.advance(3_600_000 + 1_000);
    const second = await dbupgrade(
      [
        "scheduled",
        "cancel",
        "--service",
        service,
        ...endpoint,
        "--ids",
        `${ids[0]},${ids[1]},nosuchinstancein14`,
        "--yes",
        "--json",
      ],
      { cwd: dir, env },
    );
    expect(second.code, second.stderr).toBe(EXIT.someFailed);
    const outcomes = (JSON.parse(second.stdout) as { outcomes: Outcome[] }).outcomes;
    expect(outcomes.map((o) => [o.instanceId, o.status])).toEqual([
      [ids[0], "not-found"],
      [ids[1], "not-found"],
      ["nosuchinstancein14", "not-found"],
    ]);
    expect(second.stderr).toContain("dbupgrade: 3 of 3 not cancelled");
    expect(server.mock.fleet.jobs(service).find((j) => j.instanceId === ids[1])?.status).not.toBe("canceled");
  });
});
