// Fault injection on real sockets (fast-check, seeded): a loopback server answers each request with a
// drawn fate (success, 400, 500, reset before answering, reset mid-body, hang past the timeout) while
// the run may be aborted part-way. Whatever happens, every distinct instance has exactly one outcome,
// no instance reaches the server twice, and each outcome agrees with what the server actually did.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGeminiDbClient,
  createTaurusDbClient,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  type BatchReport,
} from "../src/index.js";
import { instanceIdsOf, successBody } from "./support/fake-service.js";
import { sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { projectId, validator } from "./support/spec.js";

const fates = ["ok", "e400", "e500", "reset", "reset-mid-body", "hang"] as const;
type Fate = (typeof fates)[number];

interface Scenario {
  plan: Fate[];
  /** What the server did to each instance (an instance listed twice would be a resend). */
  ledger: Map<string, Fate[]>;
  invalid: string[];
  /** Requests received so far: the index into plan of the next one. */
  received: number;
  onRequest?: (n: number) => void;
}

const rejectedByServer = (id: string) => id.endsWith("3");
let scenario: Scenario;
// Each property run sends its own token. A request from an earlier run that the client gave up on (its
// timeout) can still arrive during a later run on a loaded machine: it belongs to that earlier ledger.
let run = 0;
const tokenOf = (n: number) => `fault-token-${String(n).padStart(6, "0")}`;
const served: Record<Fate, number> = { ok: 0, e400: 0, e500: 0, reset: 0, "reset-mid-body": 0, hang: 0 };
let loopback: Loopback;

beforeAll(async () => {
  loopback = await startLoopback((req, res, raw) => {
    const api = req.url!.startsWith("/taurusdb") ? "taurusdb" : "geminidb";
    const operationId = api === "taurusdb" ? "batchUpgradeDatabases" : "batchUpgradeDatabaseVersion";
    if (req.headers["x-auth-token"] !== tokenOf(run)) return res.socket?.destroy();
    const body = JSON.parse(raw.toString("utf8"));
    const check = validator.validateRequestBody(api, operationId, body);
    if (!check.valid) scenario.invalid.push(JSON.stringify(check.issues));
    const n = scenario.received++;
    const fate = scenario.plan[n % scenario.plan.length]!;
    served[fate]++;
    const ids = instanceIdsOf(api, body);
    for (const id of ids) scenario.ledger.set(id, [...(scenario.ledger.get(id) ?? []), fate]);
    scenario.onRequest?.(n);
    const status = api === "taurusdb" ? 200 : 202;
    switch (fate) {
      case "ok":
        return sendJson(
          res,
          status,
          successBody(api, ids, (id) => (rejectedByServer(id) ? "rejected" : "submitted")),
          { "X-Request-Id": `req-${n}` },
        );
      case "e400":
        return sendJson(
          res,
          400,
          { error_code: "DBS.200001", error_msg: "Parameter error" },
          { "X-Request-Id": `req-${n}` },
        );
      case "e500":
        return sendJson(res, 500, { error_code: "DBS.00114000", error_msg: "Internal system error." });
      case "reset":
        return res.socket?.destroy();
      case "reset-mid-body": {
        const text = JSON.stringify(successBody(api, ids));
        res.writeHead(status, { "Content-Type": "application/json", "Content-Length": String(text.length) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      case "hang":
        return;
    }
  });
});
afterAll(() => loopback.close());

const arbitraries = {
  plan: fc.array(fc.constantFrom(...fates), { minLength: 1, maxLength: 8 }),
  input: fc.array(
    fc.integer({ min: 0, max: 45 }).map((i) => `i${i}`),
    { maxLength: 60 },
  ),
  concurrency: fc.integer({ min: 1, max: 4 }),
  abortAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  retry: fc.boolean(),
};

function checkReport(report: BatchReport<any>, input: string[], abortAfter: number | undefined): void {
  const distinct = [...new Set(input)];
  expect(scenario.invalid).toEqual([]);
  expect(report.outcomes.map((o) => o.instanceId)).toEqual(distinct);
  expect(Object.values(report.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(distinct.length);
  expect(report.inputCount).toBe(input.length);
  for (const outcome of report.outcomes) {
    const seen = scenario.ledger.get(outcome.instanceId) ?? [];
    expect(seen.length, `${outcome.instanceId} reached the server ${seen.length} times`).toBeLessThanOrEqual(1);
    const fate = seen[0];
    switch (outcome.status) {
      case "submitted":
        expect(fate).toBe("ok");
        if ("jobId" in outcome) expect(outcome.jobId).toBe(`job-${outcome.instanceId}`);
        break;
      case "rejected":
        expect(fate === "e400" || (fate === "ok" && outcome.scope === "instance")).toBe(true);
        break;
      case "failed":
        // Reached the server (or may have: a request can die on a stale keep-alive socket before arriving).
        expect(outcome.mayHaveReachedServer).toBe(true);
        break;
      case "skipped":
        expect(fate).toBeUndefined();
        expect(abortAfter).toBeDefined();
        break;
    }
    if (fate === undefined && outcome.status !== "skipped") expect(outcome.status).toBe("failed");
  }
}

describe.each(["geminidb", "taurusdb"] as const)("%s under injected faults", (api) => {
  it("every instance exactly once, none sent twice, outcomes true to the server", async () => {
    for (const fate of fates) served[fate] = 0;
    await fc.assert(
      fc.asyncProperty(
        arbitraries.plan,
        arbitraries.input,
        arbitraries.concurrency,
        arbitraries.abortAfter,
        arbitraries.retry,
        async (plan, input, concurrency, abortAfter, retry) => {
          const controller = new AbortController();
          run++;
          scenario = {
            plan,
            ledger: new Map(),
            invalid: [],
            received: 0,
            onRequest: (n) => n === abortAfter && controller.abort(),
          };
          const common = { baseUrl: `${loopback.url}/${api}`, projectId, auth: { token: tokenOf(run) }, timeoutMs: 40 };
          const options = {
            concurrency,
            signal: controller.signal,
            retry: retry ? { random: () => 0.5, baseDelayMs: 1 } : false,
          };
          const report =
            api === "geminidb"
              ? await upgradeGeminiDbInBatches(createGeminiDbClient(common), input, options)
              : await upgradeTaurusDbInBatches(
                  createTaurusDbClient(common),
                  input.map((instanceId) => ({ instanceId, currentVersion: "2.0.48.231200" })),
                  { ...options, delay: false },
                );
          checkReport(report, input, abortAfter);
          if (api === "geminidb") {
            for (const o of report.outcomes)
              if (o.status === "rejected" && o.scope === "instance") expect(rejectedByServer(o.instanceId)).toBe(true);
          }
        },
      ),
      { seed: 4242, numRuns: 30 },
    );
    // The runs really exercised every fault.
    for (const fate of fates) expect(served[fate], fate).toBeGreaterThan(0);
  });
});
