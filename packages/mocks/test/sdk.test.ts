// Interoperability: the official Huawei Cloud GeminiDB Node SDK (AK/SK, endpoint
// http://127.0.0.1:<port>/geminidb) gets the same answers as a direct signed request.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { startMockServer, type RunningMockServer } from "../src/server.js";
import { onlyOperation, projectId, signedRequest } from "./support.js";

const script = fileURLToPath(new URL("./fixtures/geminidb-sdk-call.cjs", import.meta.url));
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
