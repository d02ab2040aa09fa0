// `dbupgrade check` and `dbupgrade record`, the real executable against the standalone mock server
// acting as the cloud (over HTTP, AK/SK): exit codes, what the report and the recording keep, what
// reaches the server; and a recording turned back into a mock fleet that plans the same upgrades.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { loadRecording } from "@dbupgrade/mocks/node";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { dbupgrade } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

const SERVICES = ["geminidb", "taurusdb", "dds", "gaussdb"] as const;
// A project id of the shape a real one has (32 hex digits), so a test can grep for it.
const projectId = "5f1e2d3c4b5a69788796a5b4c3d2e1f0";

let server: RunningMockServer;
let requests: { method: string; path: string }[] = [];

/** AK/SK in the environment, as the official SDKs read them. */
const env = () => ({
  PATH: process.env.PATH,
  HOME: tempDir(),
  HUAWEICLOUD_SDK_AK: defaultMockCredentials.accessKey,
  HUAWEICLOUD_SDK_SK: defaultMockCredentials.secretKey,
  HUAWEICLOUD_SDK_PROJECT_ID: projectId,
  NO_COLOR: "1",
});
const endpointOf = (s: RunningMockServer) => `${s.url}/{service}`;

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 5 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  requests = [];
  server.use(
    http.all("*", ({ request }) => {
      requests.push({ method: request.method, path: new URL(request.url).pathname });
      return undefined;
    }),
  );
});

const check = (args: string[] = []) =>
  dbupgrade(["check", "--all-services", "--endpoint", endpointOf(server), "--max-instances", "4", ...args], {
    env: env(),
  });

/** Every instance id and name the mock's fleet holds: none may appear in a report or a recording. */
const fleetSecrets = () => SERVICES.flatMap((api) => server.mock.fleet.instances(api).flatMap((i) => [i.id, i.name]));

describe("dbupgrade check", () => {
  it("exits 0 on a clean fleet and calls only GETs and the read-only candidate-versions POST", async () => {
    const run = await check();
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/gaussdb\s+showBatchUpgradeCandidateVersions\s+POST\s+\d+\s+200\s+conforms/);
    expect(run.stdout).toMatch(/dds\s+showJobDetail\s+GET\s+0\s+not called/);
    const methods = new Set(
      requests.map((r) => (r.method === "GET" ? "GET" : `${r.method} ${r.path.replace(/^\/\w+\/v3(\.\d)?\/\w+/, "")}`)),
    );
    // The two candidate-version queries (/v3, deprecated, and /v3.1): the only POSTs, both read-only.
    expect([...methods].sort()).toEqual(["GET", "POST /instances/db-upgrade/candidate-versions"]);
    expect(run.stdout).toMatch(/gaussdb\s+batchShowUpgradeCandidateVersions\s+POST\s+\d+\s+200\s+conforms/);
  });

  it("names an undocumented field, a changed type and a 403 with its IAM action, and exits 4", async () => {
    server.use(
      http.get(`${server.url}/dds/v3/:project/instances`, () =>
        HttpResponse.json(
          {
            instances: [
              {
                id: "d87f5b33049144ec95f0cab0a5f22cfbin02",
                name: "orders-prod",
                status: "normal",
                actions: [],
                maintenance_window: "02:00-06:00",
                engine: "wiredTiger",
                datastore: { type: "DDS-Community", version: "4.0", patch_available: "yes", whole_version: "4.0.3" },
              },
            ],
            total_count: 1,
          },
          { headers: { "X-Request-Id": "aaaabbbbccccddddeeeeffff00001111" } },
        ),
      ),
      http.get(`${server.url}/geminidb/v3/:project/instances`, () =>
        HttpResponse.json(
          { error_code: "APIGW.0302", error_msg: "The IAM user is not authorized to access the API." },
          { status: 403, headers: { "X-Request-Id": "aaaabbbbccccddddeeeeffff00002222" } },
        ),
      ),
    );
    const dir = tempDir();
    const run = await check(["--report", join(dir, "check.json")]);
    expect(run.code).toBe(EXIT.config);
    expect(run.stdout).toContain("dds.listInstances: undocumented field body.instances[].engine");
    expect(run.stdout).toContain("dds.listInstances: body.instances[].datastore.patch_available must be boolean");
    expect(run.stdout).toContain("geminidb.listInstances: HTTP 403 APIGW.0302");
    expect(run.stdout).toContain("grant IAM action gaussdbfornosql:instance:list");
    const report = readFileSync(join(dir, "check.json"), "utf8");
    for (const secret of [projectId, defaultMockCredentials.accessKey, defaultMockCredentials.secretKey])
      expect(report).not.toContain(secret);
    expect(report).not.toContain("d87f5b33049144ec95f0cab0a5f22cfbin02");
    expect(report).not.toContain("orders-prod");
    expect(JSON.parse(report)).toMatchObject({ exitCode: 4, summary: { refused: 1, differs: 1 } });
  });

  it("exits 1 when an answer differs and nothing is refused", async () => {
    server.use(
      http.get(`${server.url}/taurusdb/v3/:project/instances/:id/database-version`, () =>
        HttpResponse.json(
          { datastore: { current_version: 8, current_kernel_version: "2.0.45.230950" }, upgrade_flag: true },
          { headers: { "X-Request-Id": "aaaabbbbccccddddeeeeffff00003333" } },
        ),
      ),
    );
    const run = await check(["--json"]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { exitCode: number; services: { operations: { outcome: string }[] }[] };
    expect(out.exitCode).toBe(1);
    expect(run.stdout).toContain("body.datastore.current_version");
  });

  it("keeps an IAM token, the project id and the instance ids out of the report", async () => {
    const dir = tempDir();
    const { HUAWEICLOUD_SDK_AK: _ak, HUAWEICLOUD_SDK_SK: _sk, ...rest } = env();
    const run = await dbupgrade(
      ["check", "--service", "gaussdb", "--endpoint", `${server.url}/gaussdb`, "--report", join(dir, "r.json")],
      { env: { ...rest, DBUPGRADE_TOKEN: defaultMockCredentials.token } },
    );
    expect(run.code).toBe(EXIT.ok);
    const report = readFileSync(join(dir, "r.json"), "utf8");
    for (const secret of [defaultMockCredentials.token, projectId, ...fleetSecrets()])
      expect(report).not.toContain(secret);
    expect(JSON.parse(report)).toMatchObject({ format: "dbupgrade-check-report/1", exitCode: 0 });
  });

  it("exits 4 with a wrong secret key, naming the credentials", async () => {
    const run = await dbupgrade(["check", "--service", "dds", "--endpoint", `${server.url}/dds`], {
      env: { ...env(), HUAWEICLOUD_SDK_SK: "not-the-secret-key" },
    });
    expect(run.code).toBe(EXIT.config);
    expect(run.stdout).toContain("credentials were refused");
    expect(run.stdout + run.stderr).not.toContain("not-the-secret-key");
  });
});

describe("dbupgrade record and dbupgrade-mock --fleet", () => {
  // Ten runs of the executable: a generous guard against a hang, not a speed requirement.
  it("records a redacted fleet that seeds a second mock planning the same upgrades", { timeout: 300_000 }, async () => {
    const out = join(tempDir(), "fleet");
    const recorded = await dbupgrade(["record", "--all-services", "--endpoint", endpointOf(server), "--out", out], {
      env: env(),
    });
    expect(recorded.code).toBe(EXIT.ok);
    expect(requests.every((r) => r.method === "GET" || r.path.endsWith("/candidate-versions"))).toBe(true);
    expect(readdirSync(out).sort()).toEqual([
      "dds.json",
      "gaussdb.json",
      "geminidb.json",
      "manifest.json",
      "taurusdb.json",
    ]);
    const files = readdirSync(out).map((f) => readFileSync(join(out, f), "utf8"));
    for (const text of files) {
      for (const secret of [
        projectId,
        defaultMockCredentials.accessKey,
        defaultMockCredentials.secretKey,
        ...fleetSecrets(),
      ])
        expect(text).not.toContain(secret);
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ format: "dbupgrade-recording/1", services: [...SERVICES], region: null });

    const replica = await startMockServer({ port: 0, seed: 99, fleet: loadRecording(out) });
    try {
      const plan = async (s: RunningMockServer, service: string) => {
        const run = await dbupgrade(
          ["plan", "--service", service, "--all", "--json", "--endpoint", `${s.url}/${service}`],
          { env: env() },
        );
        expect(run.code, run.stderr).toBe(EXIT.ok);
        return comparable(JSON.parse(run.stdout));
      };
      await Promise.all(
        SERVICES.map(async (service) => {
          const [original, replayed] = await Promise.all([plan(server, service), plan(replica, service)]);
          // Not a vacuous comparison: both eligible and ineligible instances, with versions where the service shows them.
          expect(original.rows.length).toBeGreaterThan(20);
          expect(new Set(original.rows.map((r) => r.eligible))).toEqual(new Set([true, false]));
          expect(replayed, service).toEqual(original);
        }),
      );
    } finally {
      await replica.close();
    }
  });
});

interface PlanJson {
  rows: {
    instanceId: string;
    status: string | null;
    engine: string | null;
    eligible: boolean;
    reason: string | null;
    from: string;
    to: string;
    request: number | null;
    group: string | null;
    etaMinutes: number | null;
  }[];
  chunks: { inputs?: unknown[] }[] | unknown[];
  counts: unknown;
}

/** A plan with instance ids and names replaced by their order of appearance: the placeholders differ, nothing else may. */
function comparable(plan: PlanJson) {
  const ids = new Map<string, string>();
  const alias = (value: string) => {
    if (!ids.has(value)) ids.set(value, `#${ids.size + 1}`);
    return ids.get(value)!;
  };
  const rows = plan.rows.map((r) => ({
    instance: alias(r.instanceId),
    status: r.status,
    engine: r.engine,
    eligible: r.eligible,
    reason: r.reason,
    group: r.group,
    etaMinutes: r.etaMinutes,
    from: r.from,
    to: r.to,
    request: r.request,
  }));
  const chunks = JSON.parse(
    JSON.stringify(plan.chunks).replace(/"([0-9a-f]{32}in\d{2})"/g, (_, id: string) => `"${alias(id)}"`),
  );
  return { rows, chunks, counts: plan.counts };
}
