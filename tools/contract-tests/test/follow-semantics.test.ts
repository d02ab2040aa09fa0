// The follow semantics the specs declare (`x-dbupgrade-follow` on the job and task operations) hold the mock
// and the follower alike: every status word the mock's job/task answers use is in the operation's declared
// vocabulary, and the follower concludes each instance with the outcome the spec gives the last word the
// job API showed for it. Each service is planned, submitted and followed on the mock's virtual clock, with
// a failing job, a deleted instance and (where the API can cancel) a cancelled task.
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  planDdsUpgrades,
  planGaussDbHotfixes,
  planGeminiDbUpgrades,
  planTaurusDbUpgrades,
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  waitForUpgrades,
} from "@dbupgrade/client";
import { createMockApi } from "@dbupgrade/mocks";
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";

const T0 = Date.UTC(2030, 0, 1);
const OUTCOMES = ["completed", "failed", "cancelled", "pending"] as const;
const apis = ["geminidb", "dds", "taurusdb", "gaussdb"] as const;

interface Declared {
  follows: string;
  when?: { delay?: boolean };
  rows?: string;
  row?: string;
  status: { field: string; values: string[] } & Record<(typeof OUTCOMES)[number], string[]>;
  match: { instanceField?: string; jobIdField?: string };
}

/** The follow operations of an API as its bundled spec declares them, keyed by path. */
function declarations(api: ApiName): { path: string; operationId: string; follow: Declared }[] {
  return Object.entries((apiDocuments[api] as any).paths).flatMap(([path, item]: [string, any]) =>
    Object.values<any>(item)
      .filter((op) => op?.["x-dbupgrade-follow"] !== undefined)
      .map((op) => ({ path, operationId: op.operationId, follow: op["x-dbupgrade-follow"] as Declared })),
  );
}

/** The spec's outcome of a status word (compared without case, as the follower does); running otherwise. */
function declaredOutcome(follow: Declared, word: string): string {
  const found = OUTCOMES.find((o) => follow.status[o].some((w) => w.toLowerCase() === word.toLowerCase()));
  return found ?? "running";
}

describe("x-dbupgrade-follow declarations", () => {
  it.each(apis)("%s: each batch operation is followed", (api) => {
    const batches = Object.values<any>((apiDocuments[api] as any).paths)
      .flatMap((item) => Object.values<any>(item))
      .filter((op) => op?.operationId !== undefined && (op["x-dbupgrade-group"] ?? "upgrade") === "upgrade");
    for (const batch of batches)
      expect(declarations(api).some((d) => d.follow.follows === batch.operationId)).toBe(true);
  });
});

/** A mock on a clock the test moves, and a fetch that records what each job row said (per declaration). */
function harness(api: ApiName) {
  const clock = {
    t: T0,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => void (signal?.aborted ? 0 : (clock.t += Math.max(0, ms))),
  };
  const base = "https://mock.test";
  const baseUrl = Object.fromEntries(apis.map((a) => [a, `${base}/${a}`]));
  const mock = createMockApi({ clock: clock.now, instancesPerApi: 8, jobDurationMs: 60_000, seed: 5, baseUrl });
  const declared = declarations(api);
  /** Every (declaration, row) a job API answered, in order. */
  const rows: { follow: Declared; row: Record<string, unknown> }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const response = await getResponse(mock.handlers, request);
    if (response === undefined) throw new Error(`unhandled ${request.method} ${request.url}`);
    const path = new URL(request.url).pathname.replace(/^\/[^/]+/, "");
    const follow = declared.find(
      (d) => request.method === "GET" && new RegExp(`^${d.path.replace("{project_id}", "[^/]+")}$`).test(path),
    )?.follow;
    if (follow !== undefined && response.ok) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      const list = follow.rows !== undefined ? body[follow.rows] : [body[follow.row!]];
      for (const row of Array.isArray(list) ? list : []) if (row) rows.push({ follow, row });
    }
    return response;
  };
  const client = { baseUrl: `${base}/${api}`, projectId: "619d3e78f61b4be68bc5aa0b59edcf7b", fetch, timeoutMs: 2_000 };
  return { clock, mock, rows, options: { ...client, auth: { token: "dbupgrade-local-token" } } };
}

async function followOnMock(api: ApiName) {
  const h = harness(api);
  const now = h.clock.now;
  const reports: any[] = [];
  let client: any;
  let ids: string[] = [];
  const idsOf = (plan: { batches: { inputs: (string | { instanceId: string })[] }[] }) =>
    plan.batches.flatMap((b) => b.inputs.map((i) => (typeof i === "string" ? i : i.instanceId)));
  if (api === "geminidb") {
    client = createGeminiDbClient(h.options);
    const plan = await planGeminiDbUpgrades(client);
    ids = idsOf(plan);
    scenarios(h.mock, api, ids);
    for (const b of plan.batches) reports.push(await upgradeGeminiDbInBatches(client, b.inputs, { now }));
  } else if (api === "dds") {
    client = createDdsClient(h.options);
    const plan = await planDdsUpgrades(client);
    ids = idsOf(plan);
    scenarios(h.mock, api, ids);
    for (const b of plan.batches) reports.push(await upgradeDdsInBatches(client, b.inputs, { now }));
  } else if (api === "taurusdb") {
    client = createTaurusDbClient(h.options);
    const plan = await planTaurusDbUpgrades(client);
    ids = idsOf(plan);
    scenarios(h.mock, api, ids);
    for (const b of plan.batches) reports.push(await upgradeTaurusDbInBatches(client, b.inputs, { delay: false, now }));
  } else {
    client = createGaussDbClient(h.options);
    const plan = await planGaussDbHotfixes(client);
    ids = idsOf(plan);
    scenarios(h.mock, api, ids);
    for (const b of plan.batches)
      reports.push(
        await scheduleGaussDbHotfixInBatches(client, b.inputs, {
          startTime: new Date(T0 + 120_000),
          targetVersion: b.group,
          now,
        }),
      );
    // A Pending task cancelled before its start: the list then shows Canceled for it.
    const cancelled = reports.flatMap((r) => r.outcomes).find((o: any) => o.instanceId === ids.at(-1));
    const { response } = await client.cancelScheduleTask({ path: { task_id: cancelled.taskId } });
    expect(response.status).toBe(200);
  }
  const source = { ...reports[0], outcomes: reports.flatMap((r) => r.outcomes) };
  const report = await waitForUpgrades(client, source, {
    clock: h.clock,
    random: () => 0.5,
    initialIntervalMs: 5_000,
    maxRequestsPerSecond: 20,
    deadline: T0 + 30 * 60_000,
  });
  return { h, ids, report };
}

function scenarios(mock: ReturnType<typeof createMockApi>, api: ApiName, ids: string[]) {
  expect(ids.length).toBeGreaterThanOrEqual(3);
  mock.scenario("failingJob", { api, instanceId: ids[0]! });
  mock.scenario("instanceDeleted", { api, instanceId: ids[1]! });
}

describe.each(apis)("%s follow semantics", (api) => {
  it("the mock's job answers use only the declared status words, and the follower ends each instance as the spec says", async () => {
    const { h, ids, report } = await followOnMock(api);
    expect(h.rows.length).toBeGreaterThan(0);
    for (const { follow, row } of h.rows) expect(follow.status.values).toContain(row[follow.status.field]);

    // The last word the job API showed for each followed instance, and the outcome the spec gives it.
    const last = new Map<string, { follow: Declared; word: string }>();
    const jobOf = new Map(report.instances.map((i) => [i.jobId, i.instanceId]));
    for (const { follow, row } of h.rows) {
      const id = follow.match.instanceField
        ? (row[follow.match.instanceField] as string)
        : jobOf.get(row[follow.match.jobIdField!] as string);
      if (id !== undefined) last.set(id, { follow, word: row[follow.status.field] as string });
    }
    for (const instance of report.instances) {
      const seen = last.get(instance.instanceId);
      expect(seen, instance.instanceId).toBeDefined();
      expect(instance.serverStatus).toBe(seen!.word);
      const outcome = declaredOutcome(seen!.follow, seen!.word);
      expect(instance.state).toBe(outcome);
      expect(instance.final).toBe(outcome !== "running" && outcome !== "pending");
    }
    // The scenarios reached the follower as the spec's failure (and cancellation, where the API cancels).
    const by = (id: string) => report.instances.find((i) => i.instanceId === id)!;
    expect(by(ids[0]!).state).toBe("failed");
    if (api === "gaussdb") expect(by(ids.at(-1)!).state).toBe("cancelled");
    expect(report.instances.some((i) => i.state === "completed")).toBe(true);
  }, 60_000);
});
