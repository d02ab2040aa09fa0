// The opt-in retry policy: it resends only what surely was not processed (connect-phase failures,
// 429/503 with Retry-After), with bounded, jittered exponential backoff that honours the signal, and
// never resends an ambiguous POST.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  createDdsClient,
  DbUpgradeApiError,
  DbUpgradeNetworkError,
  DbUpgradeTimeoutError,
  isSafeToRetry,
  parseRetryAfter,
  retryDelay,
  upgradeDdsInBatches,
  type FetchLike,
  type RetryPolicy,
} from "../src/index.js";
import { resolveRetryPolicy } from "../src/batch/retry.js";
import { fakeService } from "./support/fake-service.js";
import { closedPort } from "./support/loopback.js";
import { projectId } from "./support/spec.js";

const op = { api: "dds", operationId: "batchUpgradeDatabaseVersion" } as const;
const auth = { token: "retry-token-abcdef" };
/** Requests a "timeout" answer is waiting on (see that case). */
const pendingRequests = new Set<Request>();
const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

const connectError = (code: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });

/** A policy whose sleeps are recorded instead of waited, with fixed jitter. */
function recordedPolicy(extra: RetryPolicy = {}): { policy: RetryPolicy; sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, policy: { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...extra } };
}

const run = (fetch: FetchLike, n: number, retry?: RetryPolicy | boolean, signal?: AbortSignal, timeoutMs?: number) =>
  upgradeDdsInBatches(createDdsClient({ baseUrl: "https://retry.test", projectId, auth, fetch, timeoutMs }), ids(n), {
    retry,
    signal,
    concurrency: 1,
  });

describe("helpers", () => {
  it("parseRetryAfter reads delta-seconds and HTTP dates", () => {
    const now = Date.UTC(2024, 0, 1);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("backoff grows exponentially up to the cap, half fixed and half jitter", () => {
    const at = (random: number) => resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => random })!;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, at(0)))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, at(0.999999)))).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => expect.closeTo(Math.min(1000, 100 * 2 ** (n - 1)), 2)),
    );
  });

  it("resolveRetryPolicy is off unless asked, and validates", () => {
    expect(resolveRetryPolicy(undefined)).toBeUndefined();
    expect(resolveRetryPolicy(false)).toBeUndefined();
    expect(resolveRetryPolicy(true)).toMatchObject({ maxAttempts: 3, baseDelayMs: 500 });
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
  });

  it("isSafeToRetry: only connect-phase network errors and 429/503 with Retry-After", () => {
    const api = (status: number, headers: Record<string, string> = {}) =>
      new DbUpgradeApiError({ status, errorCode: undefined, errorMsg: undefined, requestId: undefined }, op, {
        response: new Response(null, { status, headers }),
      });
    expect(
      isSafeToRetry(new DbUpgradeNetworkError("x", op, { mayHaveReachedServer: false, code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isSafeToRetry(new DbUpgradeNetworkError("x", op, { mayHaveReachedServer: false, code: "ENOTFOUND" }))).toBe(
      true,
    );
    expect(isSafeToRetry(new DbUpgradeNetworkError("x", op, { mayHaveReachedServer: true, code: "ECONNRESET" }))).toBe(
      false,
    );
    expect(isSafeToRetry(new DbUpgradeNetworkError("x", op, { mayHaveReachedServer: true, code: undefined }))).toBe(
      false,
    );
    expect(isSafeToRetry(new DbUpgradeTimeoutError(10, op, { mayHaveReachedServer: true }))).toBe(false);
    expect(isSafeToRetry(api(429, { "Retry-After": "1" }))).toBe(true);
    expect(isSafeToRetry(api(503, { "Retry-After": "1" }))).toBe(true);
    expect(isSafeToRetry(api(429))).toBe(false);
    expect(isSafeToRetry(api(500, { "Retry-After": "1" }))).toBe(false);
    const policy = resolveRetryPolicy({ maxRetryAfterMs: 5000, random: () => 0 })!;
    expect(retryDelay(api(503, { "Retry-After": "4" }), 1, policy)).toBe(4000);
    expect(retryDelay(api(503, { "Retry-After": "6" }), 1, policy)).toBeUndefined();
    expect(retryDelay(api(503, { "Retry-After": "1" }), 3, policy)).toBeUndefined();
  });
});

describe("in a batch run", () => {
  it("is off by default: a refused connection fails the chunk after one attempt", async () => {
    let calls = 0;
    const report = await run(async () => {
      calls++;
      throw connectError("ECONNREFUSED");
    }, 3);
    expect(calls).toBe(1);
    expect(
      report.outcomes.every((o) => o.status === "failed" && o.mayHaveReachedServer === false && o.attempts === 1),
    ).toBe(true);
  });

  it("retries connect-phase failures with exponential backoff, then succeeds", async () => {
    const service = fakeService("dds");
    let calls = 0;
    const { policy, sleeps } = recordedPolicy({ baseDelayMs: 100, maxAttempts: 4 });
    const report = await run(
      async (request) => {
        calls++;
        if (calls <= 2) throw connectError(calls === 1 ? "ECONNREFUSED" : "ENOTFOUND");
        return service.fetch(request);
      },
      2,
      policy,
    );
    expect(calls).toBe(3);
    expect(sleeps).toEqual([75, 150]);
    expect(report.requests).toBe(3);
    expect(report.outcomes.every((o) => o.status === "submitted")).toBe(true);
  });

  it("gives up after maxAttempts against a real refused port", async () => {
    const client = createDdsClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, projectId, auth });
    const { policy, sleeps } = recordedPolicy({ maxAttempts: 3 });
    const report = await upgradeDdsInBatches(client, ids(2), { retry: policy });
    expect(sleeps).toHaveLength(2);
    expect(report.outcomes).toEqual(
      ids(2).map((instanceId) =>
        expect.objectContaining({ instanceId, status: "failed", mayHaveReachedServer: false, attempts: 3 }),
      ),
    );
    expect((report.outcomes[0] as unknown as { error: DbUpgradeNetworkError }).error.code).toBe("ECONNREFUSED");
  });

  it("waits out Retry-After on 429 and 503", async () => {
    const service = fakeService("dds", {
      override: (n) =>
        n === 0
          ? Response.json(
              { error_code: "APIGW.0308", error_msg: "throttled" },
              { status: 429, headers: { "Retry-After": "2" } },
            )
          : n === 1
            ? new Response("unavailable", { status: 503, headers: { "Retry-After": "1" } })
            : undefined,
    });
    const { policy, sleeps } = recordedPolicy({ baseDelayMs: 100 });
    const report = await run(service.fetch, 1, policy);
    expect(sleeps).toEqual([2000, 1000]);
    expect(report.outcomes[0]!.status).toBe("submitted");
  });

  it("stops waiting when the signal aborts during backoff: the chunk is skipped", async () => {
    const controller = new AbortController();
    const report = await run(
      async () => {
        throw connectError("ECONNREFUSED");
      },
      2,
      {
        sleep: async (_ms, signal) => {
          expect(signal).toBe(controller.signal);
          controller.abort();
        },
      },
      controller.signal,
    );
    expect(report.outcomes.every((o) => o.status === "skipped")).toBe(true);
    expect(report.aborted).toBe(true);
    expect(report.requests).toBe(1);
  });

  type Ambiguous = { name: string; respond: (request: Request) => Promise<Response> };
  const ambiguous: Ambiguous[] = [
    {
      name: "500",
      respond: async () => Response.json({ error_code: "DBS.00114000", error_msg: "x" }, { status: 500 }),
    },
    {
      name: "500 with Retry-After",
      respond: async () =>
        Response.json({ error_code: "DBS.00114000", error_msg: "x" }, { status: 500, headers: { "Retry-After": "1" } }),
    },
    { name: "502", respond: async () => new Response("bad gateway", { status: 502 }) },
    {
      name: "504",
      respond: async () => new Response("gateway timeout", { status: 504, headers: { "Retry-After": "1" } }),
    },
    { name: "408", respond: async () => new Response("timeout", { status: 408 }) },
    { name: "429 without Retry-After", respond: async () => new Response("slow down", { status: 429 }) },
    { name: "503 without Retry-After", respond: async () => new Response("unavailable", { status: 503 }) },
    {
      name: "connection reset",
      respond: async () =>
        Promise.reject(
          new TypeError("fetch failed", {
            cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
          }),
        ),
    },
    {
      name: "ECONNRESET",
      respond: async () =>
        Promise.reject(
          new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }),
        ),
    },
    { name: "opaque browser failure", respond: async () => Promise.reject(new TypeError("Failed to fetch")) },
    {
      name: "timeout",
      // undici's Request follows the caller's signal through a weak reference: a Request nothing holds
      // can be collected before the timeout fires, and then its abort never comes. Hold it until then.
      respond: (request) =>
        new Promise((_, reject) => {
          pendingRequests.add(request);
          request.signal.addEventListener("abort", () => {
            pendingRequests.delete(request);
            reject(request.signal.reason);
          });
        }),
    },
    {
      name: "body cut mid-way",
      respond: async () =>
        new Response(
          new ReadableStream({
            start: (c) => (c.enqueue(new TextEncoder().encode('{"upgrade_')), c.error(new TypeError("terminated"))),
          }),
          { status: 202 },
        ),
    },
    {
      name: "202 that is not JSON",
      respond: async () => new Response("{", { status: 202, headers: { "Content-Type": "application/json" } }),
    },
  ];

  it("never resends an ambiguous POST, whatever the policy (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ambiguous),
        fc.record({
          maxAttempts: fc.integer({ min: 1, max: 6 }),
          baseDelayMs: fc.integer({ min: 0, max: 1000 }),
          maxRetryAfterMs: fc.integer({ min: 0, max: 100_000 }),
        }),
        fc.integer({ min: 1, max: 25 }),
        async (failure, limits, n) => {
          const service = fakeService("dds", { override: (_i, request) => failure.respond(request) });
          const { policy, sleeps } = recordedPolicy(limits);
          const report = await run(service.fetch, n, policy, undefined, 20);
          expect(sleeps).toEqual([]);
          expect(service.requests.length).toBe(Math.ceil(n / 10));
          expect(report.outcomes).toHaveLength(n);
          for (const o of report.outcomes) expect(["failed", "rejected"]).toContain(o.status);
          for (const o of report.outcomes) if (o.status === "failed") expect(o.mayHaveReachedServer).toBe(true);
        },
      ),
      { seed: 20240601, numRuns: 40 },
    );
  });
});
