// AK/SK signing. The reference vectors of ../shared/reference/huawei-cloud-facts.md reproduce through
// @dbupgrade/aksk (the signer this client uses), the project-shaped vector reproduces end to end through
// the client, and a loopback server verifies the signature over the exact bytes it received.
import { signRequest, verifyRequest } from "@dbupgrade/aksk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDdsClient } from "../src/index.js";
import { sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { anyClient, operationCases, projectId, requestExample, responseExample } from "./support/spec.js";

const signatureOf = (authorization: string | null | undefined) =>
  authorization?.match(/Signature=([0-9a-f]{64})$/)?.[1];

describe("reference vectors (huawei-cloud-facts.md section c)", () => {
  const docUrl =
    "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
  const vectors = [
    {
      name: "1. official docs",
      request: {
        method: "GET",
        url: docUrl,
        headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
      },
      credentials: { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" },
      signedHeaders: ["content-type", "host", "x-sdk-date"],
      expected:
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    },
    {
      name: "2a. Java GET (underscore header and Content-Type unsigned)",
      request: {
        method: "GET",
        url: docUrl,
        headers: { "Content-Type": "application/json", TEST_UNDERSCORE: "x", "X-Sdk-Date": "20191115T033655Z" },
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d",
    },
    {
      name: "2b. Java POST",
      request: {
        method: "POST",
        url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123",
        headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
        body: '{"key":"value"}',
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771",
    },
    {
      name: "2c. Java GET without a path, explicit Host",
      request: {
        method: "GET",
        url: "https://service.region.example.com",
        headers: { Host: "example.com", "X-Sdk-Date": "20191115T033655Z" },
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=919ad8b75d4ad49da0d377e63ee21c4a7a54b752f6bf2878b4adbe9c19927da6",
    },
    {
      name: "3a. Python GET",
      request: {
        method: "GET",
        url: "https://service.endpoint.myhuaweicloud.com/resources?size=1",
        headers: { "X-Sdk-Date": "20200608T023900Z" },
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
    },
    {
      name: "3b. Python POST",
      request: {
        method: "POST",
        url: "https://service.endpoint.myhuaweicloud.com/resources?size=1",
        headers: { "X-Sdk-Date": "20200608T023900Z" },
        body: '{"name":"test","id":1}',
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f",
    },
    {
      name: "4a. Go GET (only x-sdk-date signed)",
      request: {
        method: "GET",
        url: "https://example.huaweicloud.com/path?limit=1",
        headers: { "X-Sdk-Date": "20060102T150405Z" },
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      signedHeaders: ["x-sdk-date"],
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
    },
    {
      name: "4b. Go POST (JSON with Go's trailing newline)",
      request: {
        method: "POST",
        url: "https://example.huaweicloud.com/path?key=value",
        headers: { "X-Sdk-Date": "20060102T150405Z" },
        body: '{"Name":"test","Id":1}\n',
      },
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      signedHeaders: ["x-sdk-date"],
      expected:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
    },
  ];

  it.each(vectors)("$name", async ({ request, credentials, signedHeaders, expected }) => {
    const added = await signRequest(request, credentials, signedHeaders ? { signedHeaders } : {});
    expect(added.Authorization).toBe(expected);
  });
});

describe("through the client", () => {
  it("5. the project-shaped DDS vector reproduces end to end (X-Project-Id signed, injected clock)", async () => {
    const seen: Request[] = [];
    const client = createDdsClient({
      region: "ap-southeast-1",
      projectId: "0123456789abcdef0123456789abcdef",
      auth: { accessKey: "AccessKey", secretKey: "SecretKey" },
      now: () => new Date("2024-01-01T00:00:00Z"),
      fetch: async (request) => {
        seen.push(request.clone());
        return Response.json({ upgrade_results: [] }, { status: 202 });
      },
    });
    await client.batchUpgradeDatabaseVersionOrThrow({ instance_ids: ["aaa", "bbb"] });
    const request = seen[0]!;
    expect(request.url).toBe(
      "https://dds.ap-southeast-1.myhuaweicloud.com/v3/0123456789abcdef0123456789abcdef/instances/db-upgrade",
    );
    expect(await request.text()).toBe('{"instance_ids":["aaa","bbb"]}');
    expect(request.headers.get("X-Sdk-Date")).toBe("20240101T000000Z");
    expect(request.headers.get("X-Project-Id")).toBe("0123456789abcdef0123456789abcdef");
    expect(request.headers.get("X-Auth-Token")).toBeNull();
    expect(request.headers.get("Authorization")).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=0d1f558696d63c4dfb2d79a98b6e1aec8f9ba6c341926ace223b1300f6900434",
    );
  });
});

describe("verified by a server over the bytes it received", () => {
  const secrets: Record<string, string> = { AKLOOPBACK0000000001: "loopback-secret-key-1" };
  let loopback: Loopback;
  let lastVerdict: Awaited<ReturnType<typeof verifyRequest>> | undefined;
  let lastHeaders: Record<string, string | string[] | undefined> = {};
  let serverNow = new Date();

  beforeAll(async () => {
    loopback = await startLoopback(async (req, res, body) => {
      lastHeaders = req.headers;
      lastVerdict = await verifyRequest(
        { method: req.method!, url: `${loopback.url}${req.url}`, headers: req.headers, body: new Uint8Array(body) },
        (ak) => secrets[ak],
        { now: serverNow },
      );
      if (!lastVerdict.ok)
        return sendJson(res, 401, { error_code: "APIGW.0301", error_msg: lastVerdict.message, request_id: "r" });
      const api = operationCases.find((c) => req.url!.startsWith(`/${c.api}/`))!;
      sendJson(res, api.meta.successStatus, responseExample(api.api, api.operationId, api.meta.successStatus));
    });
  });
  afterAll(() => loopback.close());

  it.each(operationCases)("$api.$operationId", async ({ api, operationId }) => {
    serverNow = new Date();
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1" },
      headers: { "X-Trace": "t1" },
    });
    await client[`${operationId}OrThrow`]!(requestExample(api, operationId));
    expect(lastVerdict).toEqual({ ok: true, accessKey: "AKLOOPBACK0000000001" });
    expect(lastHeaders.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date;x-trace,/);
  });

  it("signs X-Security-Token with temporary credentials, and client.raw is signed too", async () => {
    const { api, operationId, meta } = operationCases.find((c) => c.api === "gaussdb")!;
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1", securityToken: "temp-token-1" },
    });
    await client[`${operationId}OrThrow`]!(requestExample(api, operationId));
    expect(lastVerdict?.ok).toBe(true);
    expect(lastHeaders["x-security-token"]).toBe("temp-token-1");
    expect(lastHeaders.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,/);
    const raw = await client.raw.POST(meta.path, {
      params: { path: { project_id: projectId } },
      body: requestExample(api, operationId),
    });
    expect(raw.response.status).toBe(meta.successStatus);
    expect(lastVerdict?.ok).toBe(true);
  });

  it("the clock is injectable: a date 20 minutes off is refused by the server", async () => {
    const { api, operationId } = operationCases[0]!;
    serverNow = new Date("2024-05-01T12:20:00Z");
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1" },
      now: () => new Date("2024-05-01T12:00:00Z"),
    });
    await expect(client[`${operationId}OrThrow`]!(requestExample(api, operationId))).rejects.toMatchObject({
      status: 401,
      errorCode: "APIGW.0301",
    });
    expect(lastVerdict).toMatchObject({ ok: false, reason: "date-skew" });
    expect(lastHeaders["x-sdk-date"]).toBe("20240501T120000Z");
  });

  it("a body changed after signing fails verification (the signature covers the bytes)", async () => {
    serverNow = new Date();
    const { api, operationId } = operationCases.find((c) => c.api === "taurusdb")!;
    const tamper = async (request: Request) => {
      const text = (await request.text()).replace('"delay":false', '"delay":true');
      return fetch(new Request(request, { body: text }));
    };
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1" },
      fetch: tamper,
    });
    const result = await client[operationId]!(requestExample(api, operationId));
    expect(result.response.status).toBe(401);
    expect(lastVerdict).toMatchObject({ ok: false, reason: "signature-mismatch" });
  });

  it("signs the Request openapi-fetch built, in place: the body is not read back and no second Request is made", async () => {
    serverNow = new Date();
    const { api, operationId } = operationCases[0]!;
    const seen: Array<{ request: Request; bodyUsed: boolean }> = [];
    const capture = (request: Request) => {
      seen.push({ request, bodyUsed: request.bodyUsed });
      return fetch(request);
    };
    let built: Request | undefined;
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1" },
      fetch: capture,
    });
    const raw = client.raw as unknown as { use(m: { onRequest(p: { request: Request }): void }): void };
    raw.use({ onRequest: ({ request }) => void (built = request) });
    await client[`${operationId}OrThrow`]!(requestExample(api, operationId));
    expect(lastVerdict).toEqual({ ok: true, accessKey: "AKLOOPBACK0000000001" });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.bodyUsed).toBe(false);
    expect(seen[0]!.request).toBe(built);
    expect(seen[0]!.request.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AKLOOPBACK0000000001, /);
  });

  it("a body the client cannot hash as given (a Blob through client.raw) is read once and still signed over its bytes", async () => {
    serverNow = new Date();
    const { api, operationId, meta } = operationCases.find((c) => c.api === "dds")!;
    const client = anyClient(api, {
      baseUrl: `${loopback.url}/${api}`,
      projectId,
      auth: { accessKey: "AKLOOPBACK0000000001", secretKey: "loopback-secret-key-1" },
    });
    const blob = new Blob([JSON.stringify(requestExample(api, operationId))], { type: "application/json" });
    const raw = await client.raw.POST(meta.path, {
      params: { path: { project_id: projectId } },
      body: blob as never,
      bodySerializer: (body: unknown) => body,
    });
    expect(raw.response.status).toBe(meta.successStatus);
    expect(lastVerdict).toEqual({ ok: true, accessKey: "AKLOOPBACK0000000001" });
  });
});
