// The node:http fetch (`@dbupgrade/client/node-http`) on real sockets: answers, AK/SK signatures over
// the bytes received, and every failure mapped to the same error types as with the global fetch.
import { verifyRequest } from "@dbupgrade/aksk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DbUpgradeAbortError, DbUpgradeNetworkError, DbUpgradeTimeoutError } from "../src/index.js";
import { createNodeHttpFetch } from "../src/node-http-fetch.js";
import { closedPort, sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { anyClient, operationCases, projectId, requestExample, responseExample } from "./support/spec.js";

const { api, operationId, meta } = operationCases.find((c) => c.api === "geminidb")!;
const body = requestExample(api, operationId);
const keys = { accessKey: "AKNODEHTTP0000000001", secretKey: "node-http-secret-key" };
const fetchOverHttp = createNodeHttpFetch();

let received = 0;
let behaviour: "answer" | "hang" | "reset" | "reset-mid-body" | "redirect" | "no-content" = "answer";
let verdict: Awaited<ReturnType<typeof verifyRequest>> | undefined;
let loopback: Loopback;
beforeAll(async () => {
  loopback = await startLoopback(async (req, res, bytes) => {
    received++;
    verdict = await verifyRequest(
      { method: req.method!, url: `${loopback.url}${req.url}`, headers: req.headers, body: new Uint8Array(bytes) },
      (ak) => (ak === keys.accessKey ? keys.secretKey : undefined),
    );
    if (behaviour === "answer")
      return sendJson(res, meta.successStatus, responseExample(api, operationId, meta.successStatus), {
        "X-Request-Id": "nh-1",
      });
    if (behaviour === "reset") return res.socket?.destroy();
    if (behaviour === "redirect") return res.writeHead(307, { Location: "http://127.0.0.1:9/elsewhere" }).end();
    if (behaviour === "no-content") return res.writeHead(204).end();
    if (behaviour === "reset-mid-body") {
      res.writeHead(meta.successStatus, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"upgrade_results":[');
      setTimeout(() => res.socket?.destroy(), 10);
    }
  });
});
afterEach(() => {
  received = 0;
  behaviour = "answer";
});
afterAll(() => loopback.close());

const client = (extra: Record<string, unknown> = {}) =>
  anyClient(api, { baseUrl: loopback.url, projectId, auth: keys, fetch: fetchOverHttp, ...extra });

it("answers come through, signed over the exact bytes the server received", async () => {
  await expect(client()[`${operationId}OrThrow`]!(body)).resolves.toEqual(
    responseExample(api, operationId, meta.successStatus),
  );
  expect(verdict).toEqual({ ok: true, accessKey: keys.accessKey });
  const result = await client()[operationId]!(body);
  expect(result.response.headers.get("X-Request-Id")).toBe("nh-1");
  expect(received).toBe(2);
});

it("answers in parallel share kept-alive sockets and all verify", async () => {
  const results = await Promise.all(Array.from({ length: 20 }, () => client()[`${operationId}OrThrow`]!(body)));
  expect(results).toHaveLength(20);
  expect(received).toBe(20);
  expect(verdict?.ok).toBe(true);
});

it("a 204 comes back with no body", async () => {
  behaviour = "no-content";
  const response = await fetchOverHttp(new Request(`${loopback.url}/x`, { method: "POST", body: "{}" }));
  expect(response.status).toBe(204);
  expect(response.body).toBeNull();
});

describe("failures map to the same errors as with the global fetch", () => {
  it("refused: a network error that surely did not reach the server", async () => {
    const refused = anyClient(api, {
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      projectId,
      auth: keys,
      fetch: fetchOverHttp,
    });
    const error = await refused[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", mayHaveReachedServer: false });
  });

  it("reset before the answer, and in the middle of the body", async () => {
    behaviour = "reset";
    expect(await client()[operationId]!(body).catch((e: unknown) => e)).toMatchObject({
      name: "DbUpgradeNetworkError",
      mayHaveReachedServer: true,
    });
    behaviour = "reset-mid-body";
    const error = await client()[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
  });

  it("a hung server ends in DbUpgradeTimeoutError", async () => {
    behaviour = "hang";
    const error = await client({ timeoutMs: 50 })[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, mayHaveReachedServer: true });
  });

  it("aborting in flight, and an already aborted signal sends nothing", async () => {
    behaviour = "hang";
    const controller = new AbortController();
    const pending = client()[operationId]!(body, { signal: controller.signal }).catch((e: unknown) => e);
    while (received === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toMatchObject({ name: "DbUpgradeAbortError", mayHaveReachedServer: true });
    received = 0;
    expect(await client()[operationId]!(body, { signal: AbortSignal.abort() }).catch((e: unknown) => e)).toBeInstanceOf(
      DbUpgradeAbortError,
    );
    expect(received).toBe(0);
  });

  it("a redirect is refused", async () => {
    behaviour = "redirect";
    expect(await client()[operationId]!(body).catch((e: unknown) => e)).toBeInstanceOf(DbUpgradeNetworkError);
  });
});
