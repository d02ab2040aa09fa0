// A 2xx answer is trusted only for what it actually says. Found against a hostile server: results
// with neither a job id nor an error code, job ids that are not strings, a TaurusDB body whose `resp`
// is not "success", and `…OrThrow` resolving with bodies the types do not describe.
import { describe, expect, it } from "vitest";
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  DbUpgradeApiError,
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
} from "../src/index.js";
import { fakeService } from "./support/fake-service.js";
import { projectId } from "./support/spec.js";

const auth = { token: "truth-token-123456" };
const answer =
  (body: unknown, status = 202) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json", "X-Request-Id": "r1" },
    });

describe.each([
  ["geminidb", createGeminiDbClient, upgradeGeminiDbInBatches],
  ["dds", createDdsClient, upgradeDdsInBatches],
] as const)("%s upgrade_results", (api, create, upgrade) => {
  const run = async (body: unknown, ids: string[]) => {
    const service = fakeService(api, { override: answer(body) });
    return upgrade(create({ baseUrl: `https://truth.test/${api}`, projectId, auth, fetch: service.fetch }), ids);
  };

  it("an entry with neither job id nor error code is failed and may have reached the server, never rejected", async () => {
    const report = await run({ upgrade_results: [{ instance_id: "a" }, { instance_id: "b", error_message: "odd" }] }, [
      "a",
      "b",
    ]);
    for (const outcome of report.outcomes) {
      expect(outcome).toMatchObject({ status: "failed", mayHaveReachedServer: true, attempts: 1 });
      expect((outcome as { error: Error }).error.message).toMatch(/neither a job id nor an error code/);
    }
    expect(report.counts).toMatchObject({ rejected: 0, failed: 2 });
  });

  it("a job id that is not a non-empty string is failed, whatever else the entry says", async () => {
    const report = await run(
      {
        upgrade_results: [
          { instance_id: "a", job_id: 12345 },
          { instance_id: "b", job_id: "" },
          { instance_id: "c", job_id: null, error_code: "DBS.200011" },
          { instance_id: "d", job_id: { id: "x" } },
        ],
      },
      ["a", "b", "c", "d"],
    );
    expect(report.outcomes.map((o) => [o.status, "mayHaveReachedServer" in o && o.mayHaveReachedServer])).toEqual([
      ["failed", true],
      ["failed", true],
      ["failed", true],
      ["failed", true],
    ]);
    expect((report.outcomes[0] as { error: Error }).error.message).toMatch(
      /job id that is not a usable string \(12345\)/,
    );
  });

  it("an error code without a job id is still a per-instance refusal; a job id with an error code is followed, with a note", async () => {
    const report = await run(
      {
        upgrade_results: [
          { instance_id: "a", error_code: "DBS.200011", error_message: "status" },
          { instance_id: "b", job_id: "j-b", error_code: "DBS.1" },
        ],
      },
      ["a", "b"],
    );
    expect(report.outcomes[0]).toMatchObject({ status: "rejected", scope: "instance", errorCode: "DBS.200011" });
    expect(report.outcomes[1]).toMatchObject({ status: "submitted", jobId: "j-b", submittedAt: expect.any(String) });
    expect(report.notes.some((n) => n.includes("both job j-b and error DBS.1"))).toBe(true);
  });

  it("a body without an upgrade_results list, or with junk entries, fails every instance it cannot place", async () => {
    for (const body of [{}, { upgrade_results: "a" }, { upgrade_results: [null, 7, "a"] }]) {
      const report = await run(body, ["a", "b"]);
      expect(report.outcomes.map((o) => o.status)).toEqual(["failed", "failed"]);
      expect(report.outcomes.every((o) => o.status === "failed" && o.mayHaveReachedServer)).toBe(true);
    }
  });
});

describe("TaurusDB resp", () => {
  it.each([[{ resp: "failed" }], [{ resp: "" }], [{}], [{ resp: true }], [{ result: "success" }]])(
    "%j is not submitted",
    async (body) => {
      const service = fakeService("taurusdb", { override: answer(body, 200) });
      const client = createTaurusDbClient({ baseUrl: "https://truth.test", projectId, auth, fetch: service.fetch });
      const report = await upgradeTaurusDbInBatches(client, [{ instanceId: "t1", currentVersion: "2.0.48.231200" }], {
        delay: false,
      });
      expect(report.outcomes[0]).toMatchObject({
        status: "failed",
        mayHaveReachedServer: true,
        currentVersion: "2.0.48.231200",
      });
      expect((report.outcomes[0] as { error: Error }).error.message).toMatch(/not "success"/);
      expect(report.delay).toBe(false);
    },
  );
});

describe("openGauss instance_tasks", () => {
  it("a body without a task list fails the chunk; a task id that is not a string is not kept", async () => {
    const startTime = new Date(Date.UTC(2030, 0, 1));
    for (const [body, expected] of [
      [{ instance_tasks: "x" }, "failed"],
      [{ instance_tasks: [{ instance_id: "g1", task_id: 5, task_name: "HOTFIX_VERSION_UPGRADE" }] }, "submitted"],
    ] as const) {
      const service = fakeService("gaussdb", { override: answer(body, 200) });
      const client = createGaussDbClient({ baseUrl: "https://truth.test", projectId, auth, fetch: service.fetch });
      const report = await scheduleGaussDbHotfixInBatches(client, ["g1"], { startTime, targetVersion: "3.208.0.6" });
      expect(report.outcomes[0]!.status).toBe(expected);
      if (expected === "submitted")
        expect(report.outcomes[0]).toMatchObject({ taskId: undefined, taskName: "HOTFIX_VERSION_UPGRADE" });
      expect(report).toMatchObject({ startTime: "2030-01-01T00:00:00+0000", targetVersion: "3.208.0.6" });
    }
  });
});

describe("…OrThrow", () => {
  it.each([
    ["null", null],
    ["an array", [{ instance_id: "a", job_id: "j" }]],
    ["a string", "success"],
    ["a number", 1],
  ])("never resolves with %s", async (_what, body) => {
    const service = fakeService("dds", { override: answer(body) });
    const client = createDdsClient({ baseUrl: "https://truth.test", projectId, auth, fetch: service.fetch });
    const error = await client.batchUpgradeDatabaseVersionOrThrow({ instance_ids: ["a"] }).then(
      (data) => ({ resolvedWith: data }),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbUpgradeApiError);
    expect(error).toMatchObject({ status: 202, mayHaveReachedServer: true });
    expect((error as Error).message).toMatch(/not a JSON object/);
  });

  it("onSend sees every request's ids before it is sent", async () => {
    const seen: string[][] = [];
    const service = fakeService("dds", {
      override: (n, _r, ids) => {
        expect(seen[n]).toEqual(ids);
        return undefined;
      },
    });
    const client = createDdsClient({ baseUrl: "https://truth.test", projectId, auth, fetch: service.fetch });
    const report = await upgradeDdsInBatches(
      client,
      Array.from({ length: 25 }, (_, i) => `i${i}`),
      { concurrency: 2, onSend: (ids) => seen.push([...ids]) },
    );
    expect(seen).toEqual(service.requests);
    expect(Date.parse(report.startedAt)).toBeLessThanOrEqual(
      Date.parse((report.outcomes[0] as { submittedAt: string }).submittedAt),
    );
  });
});
