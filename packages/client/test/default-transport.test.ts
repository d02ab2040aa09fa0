// Which transport a client uses when no `fetch` option is given. The suite runs twice (vitest projects):
// with the `node` condition's default (node:http with keep-alive, what Node gets) and with the global
// fetch (what browsers and other runtimes get); this file checks each one is really in use.
import { defaultTransport } from "#default-transport";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { anyClient, operationCases, pathOf, projectId, requestExample, responseExample } from "./support/spec.js";

const { api, operationId, meta } = operationCases.find((c) => c.api === "dds")!;
const auth = { accessKey: "AKDEFAULTTRANSPORT01", secretKey: "default-transport-secret" };
const answer = responseExample(api, operationId, meta.successStatus);

let loopback: Loopback;
const seen: { socket: string; headers: Record<string, unknown> }[] = [];
beforeAll(async () => {
  loopback = await startLoopback((req, res) => {
    seen.push({ socket: `${req.socket.remoteAddress}:${req.socket.remotePort}`, headers: req.headers });
    sendJson(res, meta.successStatus, answer, { "X-Request-Id": "dt-1" });
  });
  // The support loopback's 100 ms makes Node's server advertise "Keep-Alive: timeout=0", which Node's
  // agent honours by not reusing the socket: long enough here for reuse to be possible.
  loopback.server.keepAliveTimeout = 5_000;
});
afterEach(() => {
  seen.length = 0;
  vi.unstubAllGlobals();
});
afterAll(() => loopback.close());

/** A global fetch that answers by itself and records what it was asked. */
function stubGlobalFetch(): string[] {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (request: Request) => {
    calls.push(request.url);
    return Response.json(answer, { status: meta.successStatus, headers: { "X-Request-Id": "stub" } });
  });
  return calls;
}

it("is node:http or the global fetch, nothing else", () => {
  expect(["node-http", "fetch"]).toContain(defaultTransport.name);
  expect(defaultTransport.lite === undefined).toBe(defaultTransport.name === "fetch");
});

it("node:http: calls reuse one kept-alive socket, and a global fetch installed later is not used", async () => {
  const client = anyClient(api, { baseUrl: loopback.url, projectId, auth });
  const calls = stubGlobalFetch();
  for (let i = 0; i < 3; i++)
    await expect(client[`${operationId}OrThrow`]!(requestExample(api, operationId))).resolves.toEqual(answer);
  const { data, response } = await client[operationId]!(requestExample(api, operationId));
  expect(data).toEqual(answer);
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(meta.successStatus);
  expect(response.headers.get("x-request-id")).toBe(defaultTransport.name === "node-http" ? "dt-1" : "stub");
  if (defaultTransport.name === "node-http") {
    expect(calls).toEqual([]);
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
    expect(seen.every((s) => s.headers.connection === "keep-alive")).toBe(true);
    // undici's own request headers: not there when node:http sends.
    expect(seen.some((s) => "sec-fetch-mode" in s.headers)).toBe(false);
  } else {
    expect(seen).toEqual([]);
    expect(calls).toHaveLength(4);
  }
});

it("the global fetch (where it is the default) is looked up at call time, so one installed after creation is used", async () => {
  const client = anyClient(api, { baseUrl: "http://late.test", projectId, auth: { token: "t" } });
  const calls = stubGlobalFetch();
  const viaRaw = (client as unknown as { raw: { POST: Function } }).raw;
  if (defaultTransport.name === "fetch") {
    await expect(client[`${operationId}OrThrow`]!(requestExample(api, operationId))).resolves.toEqual(answer);
    await viaRaw.POST(meta.path, {
      params: { path: { project_id: projectId } },
      body: requestExample(api, operationId),
    });
    expect(calls).toEqual([`http://late.test${pathOf(meta)}`, `http://late.test${pathOf(meta)}`]);
  } else {
    // node:http: client.raw sends over it too (to the loopback, never through the stubbed global fetch).
    const local = anyClient(api, { baseUrl: loopback.url, projectId, auth: { token: "t" } });
    const raw = (local as unknown as { raw: { POST: Function } }).raw;
    const { data } = await raw.POST(meta.path, {
      params: { path: { project_id: projectId } },
      body: requestExample(api, operationId),
    });
    expect(data).toEqual(answer);
    expect(seen).toHaveLength(1);
    expect(calls).toEqual([]);
  }
});

it("client.raw.use() middleware sees real Requests on operation calls, on either transport", async () => {
  const client = anyClient(api, { baseUrl: loopback.url, projectId, auth });
  const requests: unknown[] = [];
  (client as unknown as { raw: { use: Function } }).raw.use({
    onRequest: ({ request }: { request: Request }) => {
      requests.push(request);
    },
  });
  if (defaultTransport.name === "fetch") stubGlobalFetch();
  await expect(client[`${operationId}OrThrow`]!(requestExample(api, operationId))).resolves.toEqual(answer);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toBeInstanceOf(Request);
});
