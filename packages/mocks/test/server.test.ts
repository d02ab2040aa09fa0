// The standalone server over real HTTP on 127.0.0.1: every API under its prefix, token and AK/SK
// requests, and requests that are not valid HTTP or not what the APIs take. It must keep serving.
import net from "node:net";
import { apiNames } from "@dbupgrade/specs";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { startMockServer, type RunningMockServer } from "../src/server.js";
import { requestExamples, responseExamples } from "../src/spec-examples.js";
import { exampleWithUniqueIds } from "./helpers/unique-ids.js";
import { onlyOperation, operationUrl, projectId, signedRequest, tokenHeaders } from "./support.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });
let server: RunningMockServer;
const logs: string[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 1, log: (line) => logs.push(line), maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

const urlOf = (api: (typeof apiNames)[number]) => operationUrl(onlyOperation(api), { base: server.baseUrlOf(api) });

async function post(api: (typeof apiNames)[number], body: string, headers: Record<string, string> = {}) {
  const op = onlyOperation(api);
  const response = await fetch(urlOf(api), {
    method: "POST",
    headers: { "Content-Type": op.requestContentType, ...tokenHeaders, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Raw bytes on a fresh socket; resolves with whatever the server sent before closing. */
function rawExchange(bytes: string | Buffer, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 5000);
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      if ((error as NodeJS.ErrnoException).code === "ECONNRESET") resolve(received);
      else reject(error);
    });
    socket.write(bytes);
    if (end) socket.end();
  });
}

async function stillServes() {
  const op = onlyOperation("dds");
  const answer = await post("dds", JSON.stringify({ instance_ids: ["f".repeat(32) + "in02"] }));
  expect(answer.status).toBe(op.successStatus);
}

describe("serving the four APIs", () => {
  it("answers the spec examples at http://127.0.0.1:<port>/<api>", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    for (const api of apiNames) {
      server.mock.reset();
      const op = onlyOperation(api);
      const request = requestExamples(api, op.operationId)[0]!.value;
      const answer = await post(api, JSON.stringify(request));
      expect(answer.status).toBe(op.successStatus);
      const examples = responseExamples(api, op.operationId)
        .filter((e) => e.status === op.successStatus)
        .map((e) => exampleWithUniqueIds(e.value));
      expect(examples).toContainEqual(answer.body);
      expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
      expect(
        validator.validateResponse(api, op.operationId, answer.status, answer.body, Object.fromEntries(answer.headers))
          .valid,
      ).toBe(true);
    }
  });

  it("accepts AK/SK-signed requests (the signed URL includes the prefix) and refuses tampered ones", async () => {
    server.mock.reset();
    const op = onlyOperation("geminidb");
    const signed = await signedRequest(
      op,
      { instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13"] },
      { base: server.baseUrlOf("geminidb") },
    );
    const ok = await fetch(signed.url, { method: "POST", headers: signed.headers, body: await signed.clone().text() });
    expect(ok.status).toBe(202);
    const tampered = await fetch(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ instance_ids: ["3d1e04f49efa473a8c7eaf07ed7ff870in13"] }),
    });
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({
      error_code: "APIGW.0301",
      request_id: tampered.headers.get("x-request-id"),
    });
  });

  it("answers an unknown path, method or prefix with a gateway-style 404", async () => {
    const cases = [
      fetch(`${server.url}/nope`),
      fetch(urlOf("taurusdb"), { method: "GET", headers: tokenHeaders }),
      fetch(urlOf("taurusdb").replace("/taurusdb/", "/dds/"), { method: "POST", headers: tokenHeaders, body: "{}" }),
      fetch(urlOf("taurusdb").replace("/taurusdb/", "/"), { method: "POST", headers: tokenHeaders, body: "{}" }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body).toMatchObject({ error_code: "APIGW.0101", request_id: response.headers.get("x-request-id") });
    }
  });

  it("answers a CORS preflight and exposes X-Request-Id to browsers", async () => {
    const preflight = await fetch(urlOf("dds"), {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-auth-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type,x-auth-token");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const answer = await fetch(urlOf("dds"), {
      method: "POST",
      headers: { ...tokenHeaders, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(answer.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
  });

  it("serves concurrent requests", async () => {
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => post(apiNames[i % 4]!, "{}")));
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(400));
    expect(new Set(answers.map((a) => a.headers.get("x-request-id"))).size).toBe(24);
  });

  it("takes overrides with use() and drops them with resetHandlers()", async () => {
    server.use(...server.mock.serverError({ api: "gaussdb" }));
    const example = JSON.stringify(requestExamples("gaussdb", "createScheduleTask")[0]!.value);
    expect((await post("gaussdb", example)).status).toBe(500);
    server.use(...server.mock.networkError({ api: "gaussdb" }));
    await expect(post("gaussdb", example)).rejects.toThrow(TypeError);
    server.resetHandlers();
    server.mock.reset();
    expect((await post("gaussdb", example)).status).toBe(200);
  });
});

describe("surviving malformed requests", () => {
  it("bad JSON and a wrong content type get the documented 400", async () => {
    const badJson = await post("taurusdb", '{"databases_instance_infos": [');
    expect(badJson).toMatchObject({
      status: 400,
      body: { error_code: "DBS.200001", error_msg: expect.stringContaining("body is not valid JSON") },
    });
    const wrongType = await post("taurusdb", "{}", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(wrongType.body.error_msg).toContain("header.Content-Type must be application/json;charset=UTF-8");
    await stillServes();
  });

  it("a body over the limit gets a 400 without being read, and the connection is closed", async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const head = `POST ${new URL(urlOf("dds")).pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Auth-Token: ${defaultMockCredentials.token}\r\nContent-Length: ${huge.length}\r\n\r\n`;
    const reply = await rawExchange(Buffer.concat([Buffer.from(head), huge]), { end: false });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain("body is larger than 65536 bytes");
    // Chunked, with no Content-Length: stopped once past the limit.
    const chunked = await fetch(urlOf("dds"), {
      method: "POST",
      headers: { ...tokenHeaders, "Content-Type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(4096));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit).then(
      (r) => r.status,
      () => "connection closed",
    );
    expect([400, "connection closed"]).toContain(chunked);
    await stillServes();
  });

  it("garbage bytes, a bad request line, truncated headers and a truncated body are dropped", async () => {
    expect(await rawExchange(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]))).toMatch(
      /^HTTP\/1\.1 400 Bad Request/,
    );
    expect(await rawExchange("HELLO THERE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(await rawExchange("POST /dds HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")).toMatch(
      /^HTTP\/1\.1 400 Bad Request/,
    );
    expect(await rawExchange("POST /dds/v3/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")).toMatch(
      /^HTTP\/1\.1 400 Bad Request/,
    );
    expect(
      await rawExchange(
        `POST /dds/v3/${projectId}/instances/db-upgrade HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{"instance`,
      ),
    ).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    await stillServes();
  });

  it("logs one line per request, without credentials", async () => {
    logs.length = 0;
    const op = onlyOperation("dds");
    const signed = await signedRequest(op, { instance_ids: ["x"] }, { base: server.baseUrlOf("dds") });
    await fetch(`${signed.url}?token=${defaultMockCredentials.token}`, {
      method: "POST",
      headers: signed.headers,
      body: await signed.clone().text(),
    });
    await post("dds", "{}");
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(
      new RegExp(`^POST /dds/v3/${projectId}/instances/db-upgrade 401 \\d+\\.\\dms [0-9a-f]{32}$`),
    );
    expect(logs[1]).toMatch(/ 400 /);
    const all = logs.join("\n");
    for (const secret of [...Object.values(defaultMockCredentials), signed.headers.get("authorization")!])
      expect(all).not.toContain(secret);
  });
});

describe("stopping", () => {
  it("close() stops listening and ends open keep-alive connections", async () => {
    const other = await startMockServer({ port: 0 });
    const socket = net.connect(other.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await other.close();
    await closed;
    await expect(fetch(`${other.url}/dds`)).rejects.toThrow();
  });

  it("reports a port in use", async () => {
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
