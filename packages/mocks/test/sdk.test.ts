// Interoperability: the official Huawei Cloud GeminiDB Node SDK (AK/SK, endpoint
// http://127.0.0.1:<port>/geminidb) gets the same answers as a direct signed request; the official
// openGauss and TaurusDB SDKs (vendor/huaweicloud-sdk, 3.1.209) read the recommended plan operations, each
// answer holding only fields the SDK's own response model declares.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { formatTime } from "../src/operations/query.js";
import { startMockServer, type RunningMockServer } from "../src/server.js";
import { jsonRequest, onlyOperation, projectId, signedRequest } from "./support.js";

const script = fileURLToPath(new URL("./fixtures/geminidb-sdk-call.cjs", import.meta.url));
const planScript = fileURLToPath(new URL("./fixtures/plan-sdk-call.cjs", import.meta.url));
const op = onlyOperation("geminidb");
let server: RunningMockServer;
let home: string;

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 5 });
  home = mkdtempSync(join(tmpdir(), "dbupgrade-sdk-home-"));
});
afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

function viaSdk(
  instanceIds: string[],
  keys: { accessKey: string; secretKey: string } = defaultMockCredentials,
): Promise<any> {
  const args = JSON.stringify({ endpoint: server.baseUrlOf("geminidb"), projectId, instanceIds, ...keys });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, args],
      { env: { ...process.env, HOME: home }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
        if (!line)
          return reject(
            new Error(`the SDK script printed no result (${error?.message ?? "no error"}):\n${stdout}\n${stderr}`),
          );
        resolve(JSON.parse(line.slice("RESULT ".length)));
      },
    );
  });
}

async function direct(instanceIds: string[], keys: { accessKey: string; secretKey: string } = defaultMockCredentials) {
  const request = await signedRequest(
    op,
    { instance_ids: instanceIds },
    { base: server.baseUrlOf("geminidb"), ...keys },
  );
  const response = await fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: await request.clone().text(),
  });
  return { status: response.status, body: await response.json(), requestId: response.headers.get("x-request-id") };
}

describe("the official GeminiDB Node SDK against the standalone server", () => {
  it("gets the same 202 as a direct signed request, per instance results included", async () => {
    const ids = [
      ...server.mock.fleet
        .instances("geminidb", { engine: "Influx" })
        .slice(0, 5)
        .map((i) => i.id),
      "046287aae57843b1a7bc61b7a8812f41in13",
      "3d1e04f49efa473a8c7eaf07ed7ff870in13",
    ];
    server.mock.reset();
    const sdk = await viaSdk(ids);
    server.mock.reset();
    const ours = await direct(ids);
    expect(sdk.ok, JSON.stringify(sdk)).toBe(true);
    const { httpStatusCode, ...sdkBody } = sdk.result;
    expect(httpStatusCode).toBe(202);
    expect(ours.status).toBe(202);
    expect(sdkBody).toEqual(ours.body);
    expect(ours.body.upgrade_results.some((r: { job_id?: string }) => r.job_id)).toBe(true);
    expect(ours.body.upgrade_results.some((r: { error_code?: string }) => r.error_code === "DBS.200011")).toBe(true);
  });

  it("gets the same 400 (more than 10 ids) and the same 401 (wrong secret key), with the request id", async () => {
    const eleven = server.mock.fleet
      .instances("geminidb")
      .slice(0, 11)
      .map((i) => i.id);
    server.mock.reset();
    const sdk = await viaSdk(eleven);
    server.mock.reset();
    const ours = await direct(eleven);
    expect(sdk).toMatchObject({
      ok: false,
      name: "ClientRequestException",
      status: 400,
      errorCode: ours.body.error_code,
      errorMsg: ours.body.error_msg,
      requestId: ours.requestId,
    });

    const wrongKey = { accessKey: defaultMockCredentials.accessKey, secretKey: "not-the-secret" };
    server.mock.reset();
    const sdk401 = await viaSdk(["x"], wrongKey);
    server.mock.reset();
    const ours401 = await direct(["x"], wrongKey);
    expect(ours401.status).toBe(401);
    expect(sdk401).toMatchObject({
      ok: false,
      status: 401,
      errorCode: "APIGW.0301",
      errorMsg: ours401.body.error_msg,
      requestId: ours401.requestId,
    });
  });
});

type PlanOperation =
  | "listDatabaseInstances"
  | "batchShowUpgradeCandidateVersions"
  | "listGaussMySqlInstancesUnifyStatus";

function viaPlanSdk(operation: PlanOperation, api: "gaussdb" | "taurusdb", instanceIds: string[] = []): Promise<any> {
  const args = JSON.stringify({
    operation,
    endpoint: server.baseUrlOf(api),
    projectId,
    instanceIds,
    ...defaultMockCredentials,
  });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [planScript, args],
      { env: { ...process.env, HOME: home }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
        if (!line)
          return reject(
            new Error(`the SDK script printed no result (${error?.message ?? "no error"}):\n${stdout}\n${stderr}`),
          );
        resolve(JSON.parse(line.slice("RESULT ".length)));
      },
    );
  });
}

describe("the official openGauss and TaurusDB Node SDKs read the recommended plan operations", () => {
  it("listDatabaseInstances (/v3.3): every instance, hot patches of finished tasks in hotfix_version_infos, only model fields", async () => {
    server.mock.reset();
    const [patched] = server.mock.fleet
      .instances("gaussdb", { status: "available" })
      .filter((i) => !i.name.includes("example"));
    const schedule = await fetch(
      jsonRequest(
        onlyOperation("gaussdb"),
        {
          instance_ids: [patched!.id],
          start_time: formatTime(server.mock.clock.now() + 60_000),
          upgrade_type: "hotfix",
          upgrade_action: "upgradeAutoCommit",
          target_version: "3.208.0.6",
        },
        { base: server.baseUrlOf("gaussdb") },
      ),
    );
    expect(schedule.status).toBe(200);
    server.mock.clock.advance(120_000);
    server.mock.fleet.settle();
    const sdk = await viaPlanSdk("listDatabaseInstances", "gaussdb");
    expect(sdk.ok, JSON.stringify(sdk)).toBe(true);
    expect(sdk.undeclared).toEqual([]);
    expect(sdk.body.instances.map((i: { id: string }) => i.id).sort()).toEqual(
      server.mock.fleet
        .instances("gaussdb")
        .map((i) => i.id)
        .sort(),
    );
    const row = sdk.body.instances.find((i: { id: string }) => i.id === patched!.id);
    expect(row.datastore.hotfix_version_infos).toEqual([
      {
        version: "V2.0-3.208.0.6",
        upgrade_finished_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/),
      },
    ]);
  });

  it("batchShowUpgradeCandidateVersions (/v3.1): the offered hot patches, null where not in an upgrade, only model fields", async () => {
    server.mock.reset();
    const ids = server.mock.fleet
      .instances("gaussdb", { status: "available" })
      .slice(0, 2)
      .map((i) => i.id);
    const sdk = await viaPlanSdk("batchShowUpgradeCandidateVersions", "gaussdb", ids);
    expect(sdk.ok, JSON.stringify(sdk)).toBe(true);
    expect(sdk.status).toBe(200);
    expect(sdk.undeclared).toEqual([]);
    expect(sdk.body.target_version).toBeNull();
    expect(sdk.body.upgrade_type_list.find((t: { upgrade_type: string }) => t.upgrade_type === "hotfix")).toMatchObject(
      {
        enable: true,
        is_parallel_upgrade: null,
      },
    );
    expect(sdk.body.hotfix_upgrade_infos.map((h: { version: string }) => h.version)).toContain("V2.0-3.208.0.7");
  });

  it("listGaussMySqlInstancesUnifyStatus (/v3.1): every instance with a unified status, only model fields", async () => {
    server.mock.reset();
    const sdk = await viaPlanSdk("listGaussMySqlInstancesUnifyStatus", "taurusdb");
    expect(sdk.ok, JSON.stringify(sdk)).toBe(true);
    expect(sdk.undeclared).toEqual([]);
    const fleet = server.mock.fleet.instances("taurusdb");
    expect(sdk.body.total_count).toBe(fleet.length);
    for (const row of sdk.body.instances) {
      const instance = fleet.find((i) => i.id === row.id)!;
      expect(row.status).toBe(instance.status === "frozen" || instance.status === "abnormal" ? "abnormal" : "normal");
      expect(row.datastore.kernel_version).toBe(instance.version);
    }
  });
});
