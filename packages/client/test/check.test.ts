// The conformance check against the standalone mock server acting as the cloud: over HTTP, signed
// with AK/SK. A clean fleet conforms; an answer with an undocumented field, a changed type or a 403
// is named; only GETs and the read-only POSTs ever reach the server.
import { apiMeta, apiNames, type ApiName } from "@dbupgrade/meta";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDbUpgradeClients, type DbUpgradeClients } from "../src/index.js";
import {
  checkableOperations,
  checkExitCode,
  checkService,
  crawlService,
  toCheckReport,
  toRecording,
  type ServiceCheck,
} from "../src/check/index.js";

const projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const auth = { accessKey: defaultMockCredentials.accessKey, secretKey: defaultMockCredentials.secretKey };
let server: RunningMockServer;
let clients: DbUpgradeClients;
let seen: { method: string; path: string }[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 7 });
  clients = createDbUpgradeClients({ baseUrl: (api) => server.baseUrlOf(api), projectId, auth });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  seen = [];
  // Watches every request that reaches the server, then lets the mock answer it.
  server.use(
    http.all("*", ({ request }) => {
      seen.push({ method: request.method, path: new URL(request.url).pathname });
      return undefined;
    }),
  );
});

const checkAll = async (): Promise<ServiceCheck[]> => {
  const out: ServiceCheck[] = [];
  for (const api of apiNames) out.push(await checkService(clients[api], { maxInstances: 5 }));
  return out;
};
const operation = (checks: ServiceCheck[], api: ApiName, operationId: string) =>
  checks.find((c) => c.api === api)!.operations.find((o) => o.operationId === operationId)!;

describe("the operations a check can call", () => {
  it("are exactly the GETs of the specs and the POST they mark read-only", () => {
    expect(checkableOperations().sort()).toEqual(
      [
        "dds.listInstances",
        "dds.showJobDetail",
        "dds.showUpgradeDuration",
        "gaussdb.batchShowUpgradeCandidateVersions",
        "gaussdb.listDatabaseInstances",
        "gaussdb.listInstances",
        "gaussdb.listScheduleTask",
        "gaussdb.showBatchUpgradeCandidateVersions",
        "geminidb.listInstances",
        "geminidb.listJobs",
        "taurusdb.listGaussMySqlInstances",
        "taurusdb.listGaussMySqlInstancesUnifyStatus",
        "taurusdb.listImmediateJobs",
        "taurusdb.listScheduleJobs",
        "taurusdb.showInstanceDatabaseVersion",
      ].sort(),
    );
  });

  it("never include an upgrade, a cancellation or any other write", () => {
    const writes = apiNames.flatMap((api) =>
      Object.values(apiMeta[api].operations)
        .filter((op) => op.method !== "GET" && !(op as { readOnly?: boolean }).readOnly)
        .map((op) => `${api}.${op.operationId}`),
    );
    expect(writes.length).toBeGreaterThan(4);
    for (const write of writes) expect(checkableOperations()).not.toContain(write);
  });
});

describe("checkService against the mock as the cloud", () => {
  it("finds a clean fleet conforming, calling only GETs and the read-only POST", async () => {
    const checks = await checkAll();
    for (const check of checks) {
      for (const op of check.operations) {
        if (op.outcome === "not-exercised") continue;
        // The whole entry on failure: which operation, and what it found.
        expect(op, `${op.api}.${op.operationId}`).toMatchObject({ outcome: "conforms" });
      }
    }
    // DDS showJobDetail needs a job id that no read operation lists: named, not called.
    expect(operation(checks, "dds", "showJobDetail")).toMatchObject({ outcome: "not-exercised", calls: 0 });
    expect(operation(checks, "taurusdb", "showInstanceDatabaseVersion").calls).toBe(5);
    expect(checkExitCode(checks)).toBe(0);
    const methods = new Set(
      seen.map((s) => `${s.method} ${s.path.includes("candidate-versions") ? "candidates" : ""}`),
    );
    expect([...methods].sort()).toEqual(["GET ", "POST candidates"]);
  });

  it("pages through an instance list and reads job lists over a recent window", async () => {
    const crawl = await crawlService(clients.dds, { maxInstances: 1 });
    const lists = crawl.exchanges.filter((e) => e.operationId === "listInstances");
    expect(lists[0]!.request.query).toMatchObject({ offset: 0, limit: 100 });
    const jobs = (await crawlService(clients.geminidb, { maxInstances: 1, windowDays: 3 })).exchanges.filter(
      (e) => e.operationId === "listJobs",
    );
    const { start_time, end_time } = jobs[0]!.request.query as Record<string, string>;
    expect(Date.parse(end_time!.replace("+0000", "Z")) - Date.parse(start_time!.replace("+0000", "Z"))).toBe(
      3 * 86_400_000,
    );
  });

  it("names an undocumented field, a changed type and a 403 with the IAM action, and exits 4", async () => {
    const list = `${server.baseUrlOf("geminidb")}/v3/:project/instances`;
    server.use(
      // The cloud answers with a field the spec does not know and a number where it documents text.
      http.get(list, () =>
        HttpResponse.json(
          {
            instances: [
              {
                id: "9e476ab727540476e7d47abd1dc44b7din06",
                name: "prod-orders",
                status: "normal",
                actions: [],
                maintenance_window: "02:00-06:00",
                lb_ip_address: "10.1.2.3",
                datastore: { type: "cassandra", version: 3.11, patch_available: true },
              },
            ],
            total_count: 1,
          },
          { headers: { "X-Request-Id": "0123456789abcdef0123456789abcdef" } },
        ),
      ),
      http.get(`${server.baseUrlOf("taurusdb")}/v3/:project/immediate-jobs`, () =>
        HttpResponse.json(
          { error_code: "APIGW.0302", error_msg: "The IAM user is not authorized to access the API." },
          { status: 403, headers: { "X-Request-Id": "0123456789abcdef0123456789abcdee" } },
        ),
      ),
    );
    const checks = await checkAll();
    const listing = operation(checks, "geminidb", "listInstances");
    expect(listing.outcome).toBe("differs");
    expect(listing.unknownFields).toContain("body.instances[].lb_ip_address");
    expect(listing.mismatches).toContainEqual({
      location: "body.instances[].datastore.version",
      message: "must be string",
    });
    const refused = operation(checks, "taurusdb", "listImmediateJobs");
    expect(refused.outcome).toBe("refused");
    expect(refused.errors[0]).toMatchObject({ status: 403, errorCode: "APIGW.0302" });
    expect(refused.errors[0]!.explanation).toContain("gaussdbformysql:task:list");
    expect(checkExitCode(checks)).toBe(4);
    expect(checkExitCode(checks.filter((c) => c.api !== "taurusdb"))).toBe(1);
  });

  it("names a wrong key as a 401 about the credentials", async () => {
    const wrong = createDbUpgradeClients({
      baseUrl: (api) => server.baseUrlOf(api),
      projectId,
      auth: { accessKey: auth.accessKey, secretKey: "not-the-secret" },
    });
    const check = await checkService(wrong.dds, { maxInstances: 1 });
    const listing = check.operations.find((o) => o.operationId === "listInstances")!;
    expect(listing.outcome).toBe("refused");
    expect(listing.errors[0]!.status).toBe(401);
    expect(listing.errors[0]!.explanation).toMatch(/credentials were refused/);
  });
});

describe("what a report and a recording keep", () => {
  it("hold no project id, instance id, name, address, key or token of the input", async () => {
    const token = "MIIT-a-very-secret-token-value";
    const crawls = [];
    for (const api of apiNames) crawls.push(await crawlService(clients[api], { maxInstances: 3 }));
    const inputIds = crawls.flatMap((c) =>
      c.exchanges.flatMap((e) =>
        ((e.body as { instances?: { id: string; name: string }[] })?.instances ?? []).flatMap((i) => [i.id, i.name]),
      ),
    );
    expect(inputIds.length).toBeGreaterThan(20);
    const options = { projectId, secrets: [auth.accessKey, auth.secretKey, token], region: null };
    const recording = JSON.stringify(toRecording(crawls, options));
    const checks = crawls.map((c) => checkService(clients[c.api], { maxInstances: 1 }));
    const report = JSON.stringify(
      toCheckReport(
        await Promise.all(checks),
        crawls.flatMap((c) => c.exchanges),
        0,
        options,
      ),
    );
    for (const text of [recording, report]) {
      for (const secret of [projectId, auth.accessKey, auth.secretKey, token, ...inputIds]) {
        expect(text).not.toContain(secret);
      }
    }
    // Stable placeholders: the instance listed first is the same placeholder in every later request.
    const parsed = JSON.parse(recording) as ReturnType<typeof toRecording>;
    const first = (parsed.answers.taurusdb![0]!.body as { instances: { id: string }[] }).instances[0]!.id;
    const perInstance = parsed.answers.taurusdb!.find((e) => e.operationId === "showInstanceDatabaseVersion")!;
    expect(perInstance.request.path.instance_id).toBe(first);
    expect(first).toMatch(/^0{20}[0-9a-f]{12}in07$/);
  });
});
