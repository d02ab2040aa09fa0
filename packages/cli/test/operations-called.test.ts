// Which API operations `dbupgrade plan` and `apply --wait` call for openGauss and TaurusDB, as the
// standalone mock server sees them: only the recommended ones, never an operation the specs mark
// deprecated (openGauss /v3 ListInstances and ShowBatchUpgradeCandidateVersions, TaurusDB /v3
// ListGaussMySqlInstances).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { apiMeta } from "@dbupgrade/specs/meta";
import { http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade, mockEnv } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

type Api = "gaussdb" | "taurusdb";
interface OperationFacts {
  method: string;
  path: string;
  deprecated?: boolean;
}

let server: RunningMockServer;
let called: string[] = [];

/** Every request the server receives, named by the spec operation its method and path match. */
function recordOperations(api: Api): void {
  const operations = Object.entries(apiMeta[api].operations as Record<string, OperationFacts>).map(([id, op]) => ({
    id,
    method: op.method,
    // A literal segment must match literally: /v3/{project_id}/instances is not /v3.3/{project_id}/instances.
    path: new RegExp(`^/${api}${op.path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  server.use(
    http.all("*", ({ request }) => {
      const path = new URL(request.url).pathname;
      const match = operations.filter((o) => o.method === request.method && o.path.test(path));
      called.push(match.length === 1 ? match[0]!.id : `unmatched ${request.method} ${path}`);
      return undefined; // answered by the mock's own handlers
    }),
  );
}

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 17, jobDurationMs: 300, visibilityDelayMs: 50 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  called = [];
});

const deprecated = (api: Api) =>
  Object.entries(apiMeta[api].operations as Record<string, OperationFacts>)
    .filter(([, op]) => op.deprecated === true)
    .map(([id]) => id);

const cases: { api: Api; args: string[]; plan: string[]; apply: string[] }[] = [
  {
    api: "gaussdb",
    args: ["--start-time", "+1s"],
    plan: ["batchShowUpgradeCandidateVersions", "listDatabaseInstances", "listScheduleTask"],
    apply: ["batchShowUpgradeCandidateVersions", "createScheduleTask", "listDatabaseInstances", "listScheduleTask"],
  },
  {
    api: "taurusdb",
    args: [],
    plan: ["listGaussMySqlInstancesUnifyStatus", "listImmediateJobs", "showInstanceDatabaseVersion"],
    apply: [
      "batchUpgradeDatabases",
      "listGaussMySqlInstancesUnifyStatus",
      "listImmediateJobs",
      "showInstanceDatabaseVersion",
    ],
  },
];

describe.each(cases)("$api", ({ api, args, plan, apply }) => {
  it("plan and apply --wait call only the recommended operations", async () => {
    expect(deprecated(api).length).toBeGreaterThan(0);
    const ids = server.mock.fleet
      .instances(api, { status: "available" })
      .slice(0, 2)
      .map((i) => i.id);
    const dir = tempDir();
    writeFileSync(join(dir, "ids.txt"), `${ids.join("\n")}\n`);
    const common = ["--service", api, "--ids-file", "ids.txt", "--endpoint", server.baseUrlOf(api), ...args];
    recordOperations(api);

    const planned = await dbupgrade(["plan", ...common, "--json"], { cwd: dir, env: mockEnv() });
    expect(planned.code, planned.stderr).toBe(EXIT.ok);
    expect([...new Set(called)].sort()).toEqual(plan);

    called = [];
    const applied = await dbupgrade(
      ["apply", ...common, "--yes", "--wait", "--poll-interval", "0.2", "--report", "run.json"],
      { cwd: dir, env: mockEnv() },
    );
    expect(applied.code, applied.stderr).toBe(EXIT.ok);
    expect([...new Set(called)].sort()).toEqual(apply);
    for (const id of deprecated(api)) expect(called).not.toContain(id);
  });
});
