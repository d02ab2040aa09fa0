// Failures below HTTP, on real sockets: refused, reset, hung (timeout), aborted. Each becomes its own
// error type and says honestly whether the request may have reached the server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DbUpgradeAbortError,
  DbUpgradeApiError,
  DbUpgradeError,
  DbUpgradeNetworkError,
  DbUpgradeTimeoutError,
  RedactedCause,
} from "../src/index.js";
import { closedPort, sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { anyClient, operationCases, projectId, requestExample, responseExample } from "./support/spec.js";

const { api, operationId, meta } = operationCases.find((c) => c.api === "dds")!;
const body = requestExample(api, operationId);
// A token per test: a request an earlier test gave up on (a timeout) can still arrive during a later
// test on a loaded machine, and must not count as that test's request.
let testNumber = 0;
let auth = { token: "transport-token-000000" };
beforeEach(() => {
  testNumber++;
  auth = { token: `transport-token-${String(testNumber).padStart(6, "0")}` };
});

let received = 0;
let behaviour: "answer" | "hang" | "reset" | "reset-mid-body" = "answer";
let loopback: Loopback;
beforeAll(async () => {
  loopback = await startLoopback((req, res) => {
    if (req.headers["x-auth-token"] === auth.token) received++;
    if (behaviour === "answer")
      return sendJson(res, meta.successStatus, responseExample(api, operationId, meta.successStatus), {
        "X-Request-Id": "lb-1",
      });
    if (behaviour === "reset") return res.socket?.destroy();
    if (behaviour === "reset-mid-body") {
      res.writeHead(meta.successStatus, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"upgrade_results":[');
      setTimeout(() => res.socket?.destroy(), 10);
    }
    // "hang": never answer; the client's timeout or abort ends the call.
  });
});
afterEach(() => {
  received = 0;
  behaviour = "answer";
});
afterAll(() => loopback.close());

const client = (extra: Record<string, unknown> = {}) =>
  anyClient(api, { baseUrl: loopback.url, projectId, auth, ...extra });

it("a real server answer comes through", async () => {
  await expect(client()[`${operationId}OrThrow`]!(body)).resolves.toEqual(
    responseExample(api, operationId, meta.successStatus),
  );
  expect(received).toBe(1);
});

describe("connection refused", () => {
  it("is a network error that surely did not reach the server", async () => {
    const refused = anyClient(api, { baseUrl: `http://127.0.0.1:${await closedPort()}`, projectId, auth });
    const error = await refused[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", mayHaveReachedServer: false, api, operationId });
    expect((error as Error).cause).toBeInstanceOf(RedactedCause);
  });
});

describe("connection reset", () => {
  it("before the answer: a network error that may have reached the server", async () => {
    behaviour = "reset";
    const error = await client()[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
    expect(received).toBe(1);
  });

  it("in the middle of the body: a network error, after the server processed the request", async () => {
    behaviour = "reset-mid-body";
    const error = await client()[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
    expect((error as Error).message).toMatch(/response body could not be read/);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
  });
});

describe("timeout", () => {
  it("a hung server ends in DbUpgradeTimeoutError after timeoutMs", async () => {
    behaviour = "hang";
    const error = await client({ timeoutMs: 50 })[operationId]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, mayHaveReachedServer: true });
    expect(received).toBe(1);
  });

  it("a per-call timeout overrides the client's", async () => {
    behaviour = "hang";
    const error = await client({ timeoutMs: 0 })[operationId]!(body, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DbUpgradeTimeoutError", timeoutMs: 30 });
  });

  it("timeoutMs 0 disables the timeout; a negative one is refused", () => {
    expect(() => client({ timeoutMs: -1 })).toThrow(RangeError);
    expect(() => client({ timeoutMs: Number.NaN })).toThrow(RangeError);
  });
});

describe("abort", () => {
  it("an already aborted signal: nothing is sent", async () => {
    const error = await client()[operationId]!(body, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeAbortError);
    expect(error).toMatchObject({ mayHaveReachedServer: false });
    expect(received).toBe(0);
  });

  it("aborting in flight: the request may have reached the server", async () => {
    behaviour = "hang";
    const controller = new AbortController();
    const pending = client()[operationId]!(body, { signal: controller.signal }).catch((e: unknown) => e);
    while (received === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(DbUpgradeAbortError);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
    expect((error as Error).message).toMatch(/aborted after it was sent/);
  });

  it("the client-level signal aborts every call", async () => {
    const controller = new AbortController();
    const aborting = client({ signal: controller.signal });
    await expect(aborting[`${operationId}OrThrow`]!(body)).resolves.toBeDefined();
    controller.abort();
    await expect(aborting[operationId]!(body)).rejects.toBeInstanceOf(DbUpgradeAbortError);
    expect(received).toBe(1);
  });

  it("errors form one hierarchy", async () => {
    const error = await client()[operationId]!(body, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeError);
    expect(
      new DbUpgradeApiError(
        { status: 500, errorCode: "X", errorMsg: "y", requestId: undefined },
        { api, operationId },
        {},
      ),
    ).toBeInstanceOf(DbUpgradeError);
  });
});

it("a redirect is refused (it would replay X-Auth-Token elsewhere)", async () => {
  const redirecting = await startLoopback((_req, res) => {
    res.writeHead(307, { Location: "http://127.0.0.1:9/elsewhere" });
    res.end();
  });
  try {
    const error = await anyClient(api, { baseUrl: redirecting.url, projectId, auth })[operationId]!(body).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbUpgradeNetworkError);
  } finally {
    await redirecting.close();
  }
});
