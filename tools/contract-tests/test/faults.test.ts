// The client's batch helpers against the standalone mock server with faults injected at seeded
// random points: 500s, dropped connections, answers slower than the client's timeout, and aborts.
// Whatever happens, every instance appears exactly once with a truthful outcome, and nothing is
// retried unless the policy allows it.
import {
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  type DbUpgradeClients,
  type RetryPolicy,
} from "@dbupgrade/client";
import type { RunningMockServer } from "@dbupgrade/mocks/server";
import type { ApiName } from "@dbupgrade/specs";
import fc from "fast-check";
import { delay, http, HttpResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientsFor, startServer } from "../src/harness.js";
import { checkProperty } from "../src/results.js";
import { contractSeed } from "../src/runs.js";

type Fault = "none" | "500" | "reset" | "slow" | "503-retry-after";
const TIMEOUT_MS = 150;

let server: RunningMockServer;
let clients: DbUpgradeClients;

beforeAll(async () => {
  // Enough instances per GeminiDB engine for batches of several chunks.
  server = await startServer(5, { instancesPerApi: 90 });
  clients = clientsFor(server, "token", { timeoutMs: TIMEOUT_MS });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
});

interface Arrival {
  instanceIds: string[];
  fault: Fault;
}

/** Prepends a handler that applies the k-th fault to the k-th request to arrive, and records what arrived. */
function injectFaults(
  api: ApiName,
  faults: readonly Fault[],
  abortAt: number | null,
  controller: AbortController,
): Arrival[] {
  const arrivals: Arrival[] = [];
  server.use(
    http.all("*", async ({ request }) => {
      const body = (await request.clone().json()) as Record<string, unknown>;
      const items = (body.instance_ids ?? body.databases_instance_infos) as (string | { instance_id: string })[];
      const fault = faults[arrivals.length % faults.length] ?? "none";
      arrivals.push({ instanceIds: items.map((i) => (typeof i === "string" ? i : i.instance_id)), fault });
      if (abortAt !== null && arrivals.length === abortAt) controller.abort(new Error("operator cancelled"));
      const requestId = { "X-Request-Id": `fault-${arrivals.length}` };
      switch (fault) {
        case "500":
          return HttpResponse.json(
            { error_code: "DBS.00114000", error_msg: "Internal system error." },
            { status: 500, headers: requestId },
          );
        case "503-retry-after":
          return HttpResponse.json(
            { error_code: "DBS.00114000", error_msg: "busy" },
            { status: 503, headers: { ...requestId, "Retry-After": "0" } },
          );
        case "reset":
          return HttpResponse.error();
        case "slow":
          // Processed after the client gave up: the request did reach the server.
          await delay(TIMEOUT_MS * 3);
          return undefined;
        default:
          return undefined;
      }
    }),
  );
  void api;
  return arrivals;
}

type AnyOutcome = {
  status: string;
  instanceId: string;
  mayHaveReachedServer?: boolean;
  scope?: string;
  jobId?: string;
  taskId?: string;
  attempts?: number;
};
type AnyReport = {
  outcomes: AnyOutcome[];
  duplicates: { instanceId: string; occurrences: number }[];
  requests: number;
  aborted: boolean;
};

/** The options every helper shares (no onProgress: its type is per service). */
type RunOptions = { concurrency: number; signal: AbortSignal; retry: RetryPolicy | false };

const runners: Record<ApiName, (ids: string[], options: RunOptions) => Promise<AnyReport>> = {
  geminidb: (ids, o) => upgradeGeminiDbInBatches(clients.geminidb, ids, o) as Promise<AnyReport>,
  dds: (ids, o) => upgradeDdsInBatches(clients.dds, ids, o) as Promise<AnyReport>,
  taurusdb: (ids, o) =>
    upgradeTaurusDbInBatches(
      clients.taurusdb,
      ids.map((id) => ({
        instanceId: id,
        currentVersion: server.mock.fleet.get("taurusdb", id)?.version ?? "2.0.48.231200",
      })),
      { ...o, delay: false },
    ) as Promise<AnyReport>,
  gaussdb: (ids, o) =>
    scheduleGaussDbHotfixInBatches(clients.gaussdb, ids, {
      ...o,
      startTime: new Date(Date.UTC(2030, 0, 1)),
      targetVersion: "3.208.0.7",
    }) as Promise<AnyReport>,
};

const unknownId = "ffffffffffffffffffffffffffffffffin99";

/**
 * Instances a batch may name. Half the runs name only available instances, so all-or-nothing APIs
 * (TaurusDB, openGauss) reach success; the rest mix in busy and unknown ones. GeminiDB batches keep
 * to one engine (mixing engines is a 400 by design).
 */
function candidateIds(api: ApiName): fc.Arbitrary<string[]> {
  // Pools come from the seeded fleet, taken now: by generation time earlier runs have upgraded some.
  server.mock.reset();
  const fleet = server.mock.fleet;
  const groups = api === "geminidb" ? [...new Set(fleet.instances(api).map((i) => i.engine))] : [undefined];
  const pools = groups.map((engine) => {
    const filter = engine ? { engine } : {};
    return {
      all: fleet.instances(api, filter).map((i) => i.id),
      available: fleet.instances(api, { ...filter, status: "available" }).map((i) => i.id),
    };
  });
  return fc.record({ pool: fc.constantFrom(...pools), clean: fc.boolean() }).chain(({ pool, clean }) => {
    const pick = clean
      ? fc.constantFrom(...pool.available)
      : fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...pool.all) },
          { weight: 1, arbitrary: fc.constant(unknownId) },
        );
    return fc.array(pick, { maxLength: 60, size: "max" });
  });
}

const scenario = (api: ApiName, faultKinds: readonly Fault[]) =>
  fc.record({
    ids: candidateIds(api),
    faults: fc.array(fc.constantFrom(...faultKinds), { minLength: 1, maxLength: 6 }),
    // Two runs in five are aborted: at a random arrival, or at the first one. An abort at the first
    // arrival leaves every chunk beyond the first `concurrency` unsent (skipped) however fast the
    // transport answers; at a later arrival, a fast one may already have sent them all.
    abortAt: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 1, arbitrary: fc.constant(1) },
    ),
    concurrency: fc.integer({ min: 1, max: 3 }),
  });

function checkReport(api: ApiName, ids: string[], report: AnyReport, arrivals: Arrival[], retrying: boolean) {
  const distinct = [...new Set(ids)];
  // Exactly once, in input order.
  expect(report.outcomes.map((o) => o.instanceId)).toEqual(distinct);
  for (const d of report.duplicates) expect(ids.filter((i) => i === d.instanceId)).toHaveLength(d.occurrences);
  expect(report.duplicates.map((d) => d.instanceId).sort()).toEqual(
    distinct.filter((i) => ids.indexOf(i) !== ids.lastIndexOf(i)).sort(),
  );

  const sentIn = new Map<string, Arrival[]>();
  for (const a of arrivals) for (const id of a.instanceIds) sentIn.set(id, [...(sentIn.get(id) ?? []), a]);
  const jobs = server.mock.fleet.jobs(api);

  let failedUnseen = 0;
  for (const outcome of report.outcomes) {
    const carried = sentIn.get(outcome.instanceId) ?? [];
    if (outcome.status === "skipped") {
      expect(carried, `${outcome.instanceId} skipped but sent`).toEqual([]);
      continue;
    }
    if (outcome.status === "failed" && carried.length === 0) {
      // The client's timeout can fire before the request leaves it (a cold start on a loaded machine):
      // the server never sees it, and "may have reached the server" stays the truthful answer.
      expect(outcome.mayHaveReachedServer, `${outcome.instanceId} failed unseen`).toBe(true);
      failedUnseen++;
      continue;
    }
    expect(carried.length, `${outcome.instanceId} ${outcome.status} but never arrived`).toBeGreaterThan(0);
    const last = carried[carried.length - 1]!;
    if (outcome.status === "submitted") {
      expect(last.fault, `${outcome.instanceId} submitted through a ${last.fault}`).toBe("none");
      const job = jobs.find((j) => j.instanceId === outcome.instanceId);
      expect(job, `${outcome.instanceId} submitted but the server has no job`).toBeDefined();
      if (outcome.jobId !== undefined) expect(outcome.jobId).toBe(job!.id);
    }
    if (outcome.status === "failed") {
      expect(["500", "reset", "slow", "503-retry-after", "none"]).toContain(last.fault);
      // Every failure here happened after the request was sent, so none may claim it surely was not.
      expect(outcome.mayHaveReachedServer).toBe(true);
    }
    if (outcome.status === "rejected") expect(["none", "500", "503-retry-after"]).toContain(last.fault);
  }

  // Retries: without a policy each chunk is sent once; with one, only a 503 with Retry-After is resent.
  expect(report.requests).toBeGreaterThanOrEqual(arrivals.length);
  if (report.requests > arrivals.length)
    expect(failedUnseen, "requests the server never saw must be failed outcomes").toBeGreaterThan(0);
  const arrivalsOf = new Map<string, number>();
  for (const a of arrivals) {
    const key = a.instanceIds.join(",");
    arrivalsOf.set(key, (arrivalsOf.get(key) ?? 0) + 1);
  }
  for (const [chunk, count] of arrivalsOf) {
    if (count === 1) continue;
    expect(retrying, `chunk ${chunk} was sent ${count} times without a retry policy`).toBe(true);
    const faultsOfChunk = arrivals.filter((a) => a.instanceIds.join(",") === chunk).map((a) => a.fault);
    for (const f of faultsOfChunk.slice(0, -1)) expect(f, `retried after an ambiguous ${f}`).toBe("503-retry-after");
  }
}

const apis: ApiName[] = ["geminidb", "taurusdb", "dds", "gaussdb"];
const RUNS = Number(process.env.CONTRACT_FAULT_RUNS ?? 40);

describe.each(apis)("%s batches under faults", (api) => {
  it.each([
    ["without a retry policy", false, ["none", "none", "500", "reset", "slow"] as Fault[]],
    ["with the opt-in retry policy", true, ["none", "none", "500", "reset", "slow", "503-retry-after"] as Fault[]],
  ] as const)("%s: every instance exactly once, truthful, no unsafe retry", async (_label, retrying, kinds) => {
    const seen = new Set<string>();
    await checkProperty(
      { api, operationId: "batch helper", status: "-", check: `faults ${retrying ? "with" : "without"} retry` },
      fc.asyncProperty(scenario(api, kinds), async ({ ids, faults, abortAt, concurrency }) => {
        server.resetHandlers();
        server.mock.reset();
        const controller = new AbortController();
        const arrivals = injectFaults(api, faults, abortAt, controller);
        const report = await runners[api](ids, {
          concurrency,
          signal: controller.signal,
          retry: retrying ? { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 } : false,
        });
        // On a loaded machine a request can time out in the client before the server has read it; it
        // still arrives. Wait (bounded) for the stragglers, so the ledger holds every request sent.
        for (let waited = 0; arrivals.length < report.requests && waited < 5_000; waited += 20) await delay(20);
        checkReport(api, ids, report, arrivals, retrying);
        for (const o of report.outcomes) seen.add(o.status);
        for (const a of arrivals) seen.add(`fault ${a.fault}`);
      }),
      { seed: contractSeed, numRuns: RUNS, endOnFailure: true },
    );
    // The scenarios must reach every outcome and every fault, or the property proves little.
    for (const kind of ["submitted", "rejected", "failed", "skipped", ...kinds.map((k) => `fault ${k}`)])
      expect(seen, kind).toContain(kind);
  });
});
