// The batch helpers: chunk sizes from the spec, one outcome per distinct instance, duplicates, empty
// input, per-instance and per-request refusals, bounded concurrency, progress, abort, and the
// service-specific inputs (TaurusDB pairs and delay, openGauss startTime and targetVersion).
import { apiMeta, type ApiName } from "@dbupgrade/meta";
import { describe, expect, it } from "vitest";
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  DEFAULT_CHUNK_SIZE,
  formatStartTime,
  scheduleGaussDbHotfixInBatches,
  upgradeDdsInBatches,
  upgradeGeminiDbInBatches,
  upgradeTaurusDbInBatches,
  type BatchOptions,
  type BatchReport,
  type FetchLike,
} from "../src/index.js";
import { fakeService, type FakeService } from "./support/fake-service.js";
import { projectId, validator } from "./support/spec.js";

const auth = { token: "batch-token-123456" };
const ids = (n: number, prefix = "inst") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);

/** Runs the API's batch helper over instance ids (TaurusDB gets a version per id). */
function runFor(
  api: ApiName,
  fetch: FetchLike,
  instanceIds: string[],
  options: BatchOptions<any> = {},
): Promise<BatchReport<any>> {
  const common = { baseUrl: `https://batch.test/${api}`, projectId, auth, fetch };
  switch (api) {
    case "geminidb":
      return upgradeGeminiDbInBatches(createGeminiDbClient(common), instanceIds, options);
    case "dds":
      return upgradeDdsInBatches(createDdsClient(common), instanceIds, options);
    case "taurusdb":
      return upgradeTaurusDbInBatches(
        createTaurusDbClient(common),
        instanceIds.map((instanceId) => ({ instanceId, currentVersion: "2.0.48.231200" })),
        { delay: false, ...options },
      );
    case "gaussdb":
      return scheduleGaussDbHotfixInBatches(createGaussDbClient(common), instanceIds, {
        startTime: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
        targetVersion: "3.208.0.6",
        ...options,
      });
  }
}

const apis = ["geminidb", "dds", "taurusdb", "gaussdb"] as const;

describe.each(apis)("%s", (api) => {
  const batch = Object.values(apiMeta[api].operations)[0]!.batch;
  const chunk = batch.maxItems ?? DEFAULT_CHUNK_SIZE;

  it(`splits into requests of at most ${chunk} (${batch.maxItems === null ? "the default: the spec documents no maximum" : "the spec's maxItems"})`, async () => {
    const service = fakeService(api);
    const input = ids(2 * chunk + 5);
    const report = await runFor(api, service.fetch, input);
    expect(service.invalid).toEqual([]);
    expect(service.requests.map((r) => r.length)).toEqual([chunk, chunk, 5]);
    expect(service.requests.flat().sort()).toEqual([...input].sort());
    expect(report.outcomes.map((o) => o.instanceId)).toEqual(input);
    expect(report.outcomes.every((o) => o.status === "submitted")).toBe(true);
    expect(report).toMatchObject({
      chunks: 3,
      chunkSize: chunk,
      requests: 3,
      inputCount: input.length,
      aborted: false,
    });
    expect(report.counts).toEqual({ submitted: input.length, rejected: 0, failed: 0, skipped: 0 });
  });

  it("takes a smaller chunkSize, and refuses one above the spec's maximum", async () => {
    const service = fakeService(api);
    await runFor(api, service.fetch, ids(7), { chunkSize: 3 });
    expect(service.requests.map((r) => r.length)).toEqual([3, 3, 1]);
    if (batch.maxItems !== null)
      await expect(runFor(api, service.fetch, ids(3), { chunkSize: batch.maxItems + 1 })).rejects.toThrow(
        /exceeds the API's maximum/,
      );
    await expect(runFor(api, service.fetch, ids(3), { chunkSize: 0 })).rejects.toThrow(RangeError);
  });

  it("collapses duplicates into one outcome, with a note", async () => {
    const service = fakeService(api);
    const report = await runFor(api, service.fetch, ["a", "b", "a", "c", "a", "b"]);
    expect(service.requests.flat()).toEqual(["a", "b", "c"]);
    expect(report.outcomes.map((o) => o.instanceId)).toEqual(["a", "b", "c"]);
    expect(report.inputCount).toBe(6);
    expect(report.duplicates).toEqual([
      { instanceId: "a", occurrences: 3 },
      { instanceId: "b", occurrences: 2 },
    ]);
    expect(report.notes).toContain("instance a appeared 3 times in the input; it was sent once");
  });

  it("does nothing for empty input", async () => {
    const service = fakeService(api);
    const progress: unknown[] = [];
    const report = await runFor(api, service.fetch, [], { onProgress: (p) => progress.push(p) });
    expect(service.requests).toEqual([]);
    expect(progress).toEqual([]);
    expect(report).toMatchObject({ outcomes: [], chunks: 0, requests: 0, inputCount: 0 });
  });

  it("refuses an empty instance id before sending anything", async () => {
    const service = fakeService(api);
    await expect(runFor(api, service.fetch, ["ok", ""])).rejects.toThrow(TypeError);
    expect(service.requests).toEqual([]);
  });

  it("a 4xx refuses every instance of its request; a 500 fails them, possibly processed", async () => {
    const service = fakeService(api, {
      override: (n) =>
        n === 0
          ? Response.json(
              { error_code: "DBS.200001", error_msg: "Parameter error" },
              { status: 400, headers: { "X-Request-Id": "bad-1" } },
            )
          : n === 1
            ? Response.json({ error_code: "DBS.00114000", error_msg: "Internal system error." }, { status: 500 })
            : undefined,
    });
    const report = await runFor(api, service.fetch, ids(3 * chunk), { concurrency: 1 });
    const [first, second, third] = [0, 1, 2].map((c) => report.outcomes.slice(c * chunk, (c + 1) * chunk));
    for (const o of first!)
      expect(o).toMatchObject({
        status: "rejected",
        scope: "request",
        errorCode: "DBS.200001",
        errorMessage: "Parameter error",
        httpStatus: 400,
        requestId: "bad-1",
      });
    for (const o of second!)
      expect(o).toMatchObject({
        status: "failed",
        mayHaveReachedServer: true,
        attempts: 1,
        error: { status: 500, errorCode: "DBS.00114000" },
      });
    for (const o of third!) expect(o.status).toBe("submitted");
  });

  it("runs at most `concurrency` requests at once, and reports progress after each", async () => {
    let inFlight = 0;
    let peak = 0;
    const service = fakeService(api);
    const slow: FetchLike = async (request) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return service.fetch(request);
    };
    const events: { chunksDone: number; instancesDone: number; latest: number }[] = [];
    const input = ids(9 * chunk);
    const report = await runFor(api, slow, input, {
      concurrency: 3,
      onProgress: (p) =>
        events.push({ chunksDone: p.chunksDone, instancesDone: p.instancesDone, latest: p.latest.length }),
    });
    expect(peak).toBe(3);
    expect(events.map((e) => e.chunksDone)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.at(-1)!.instancesDone).toBe(input.length);
    expect(events.every((e) => e.latest === chunk)).toBe(true);
    expect(report.counts.submitted).toBe(input.length);
  });

  it("a signal aborted after the last chunk leaves the report complete and not aborted", async () => {
    const controller = new AbortController();
    const report = await runFor(api, fakeService(api).fetch, ids(3), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(report.counts.submitted).toBe(3);
    expect(report.aborted).toBe(false);
  });

  it("a throwing onProgress is noted, not propagated", async () => {
    const report = await runFor(api, fakeService(api).fetch, ids(2), {
      onProgress: () => {
        throw new Error("listener broke");
      },
    });
    expect(report.counts.submitted).toBe(2);
    expect(report.notes).toContain("onProgress threw: listener broke");
  });

  it("abort mid-run: unsent chunks are skipped, the one in flight failed (it may have reached the server)", async () => {
    const controller = new AbortController();
    const service = fakeService(api, {
      override: (n, request) => {
        if (n === 0) return undefined;
        controller.abort();
        return Promise.reject(request.signal.reason);
      },
    });
    const report = await runFor(api, service.fetch, ids(4 * chunk), { concurrency: 1, signal: controller.signal });
    expect(report.aborted).toBe(true);
    expect(service.requests).toHaveLength(2);
    expect(report.requests).toBe(2);
    expect(report.outcomes.slice(0, chunk).every((o) => o.status === "submitted")).toBe(true);
    expect(
      report.outcomes
        .slice(chunk, 2 * chunk)
        .every((o) => o.status === "failed" && o.mayHaveReachedServer && o.error.name === "DbUpgradeAbortError"),
    ).toBe(true);
    expect(report.outcomes.slice(2 * chunk).every((o) => o.status === "skipped" && o.reason === "aborted")).toBe(true);
    expect(report.counts).toEqual({ submitted: chunk, rejected: 0, failed: chunk, skipped: 2 * chunk });
  });
});

describe.each(["geminidb", "dds"] as const)("%s per-instance results", (api) => {
  it("keeps job ids and per-instance refusals apart", async () => {
    const service = fakeService(api, { decide: (id) => (id.endsWith("1") ? "rejected" : "submitted") });
    const report = await runFor(api, service.fetch, ["x0", "x1", "x2"]);
    expect(report.outcomes).toEqual([
      { status: "submitted", instanceId: "x0", jobId: "job-x0", requestId: "req-0", submittedAt: expect.any(String) },
      {
        status: "rejected",
        instanceId: "x1",
        scope: "instance",
        errorCode: "DBS.200011",
        errorMessage: "The status of DB instance does not allow the operation.",
        httpStatus: 202,
        requestId: "req-0",
      },
      { status: "submitted", instanceId: "x2", jobId: "job-x2", requestId: "req-0", submittedAt: expect.any(String) },
    ]);
  });

  it("an instance missing from the 202 is failed; a stranger in it is noted", async () => {
    const service = fakeService(api, {
      override: () =>
        Response.json(
          {
            upgrade_results: [
              { instance_id: "x0", job_id: "j0" },
              { instance_id: "zz", job_id: "j9" },
            ],
          },
          { status: 202, headers: { "X-Request-Id": "r9" } },
        ),
    });
    const report = await runFor(api, service.fetch, ["x0", "x1"]);
    expect(report.outcomes[0]).toMatchObject({ status: "submitted", jobId: "j0" });
    expect(report.outcomes[1]).toMatchObject({ status: "failed", mayHaveReachedServer: true });
    expect((report.outcomes[1] as { error: Error }).error.message).toMatch(/no result for instance x1/);
    expect(report.notes).toContain("the response r9 listed instance zz, which was not in its request; ignored");
  });
});

describe("TaurusDB", () => {
  it("sends {instance_id, current_version} pairs and delay as a boolean; outcomes keep the version", async () => {
    const service = fakeService("taurusdb");
    const client = createTaurusDbClient({ baseUrl: "https://batch.test", projectId, auth, fetch: service.fetch });
    const report = await upgradeTaurusDbInBatches(
      client,
      [
        { instanceId: "6754902da1f447269c6979b0590102a5in07", currentVersion: "2.0.48.231200" },
        { instanceId: "t2", currentVersion: "2.0.46.231000" },
      ],
      { delay: true },
    );
    expect(service.bodies[0]).toEqual({
      databases_instance_infos: [
        { instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" },
        { instance_id: "t2", current_version: "2.0.46.231000" },
      ],
      delay: true,
    });
    expect(report.outcomes[1]).toEqual({
      status: "submitted",
      instanceId: "t2",
      requestId: "req-0",
      submittedAt: expect.any(String),
      currentVersion: "2.0.46.231000",
    });
    await expect(upgradeTaurusDbInBatches(client, [], { delay: "true" as never })).rejects.toThrow(
      /delay must be a boolean/,
    );
    await expect(
      upgradeTaurusDbInBatches(client, [{ instanceId: "t3", currentVersion: "" }], { delay: false }),
    ).rejects.toThrow(/currentVersion/);
  });

  it("notes a duplicate listed with two versions and sends the first", async () => {
    const service = fakeService("taurusdb");
    const client = createTaurusDbClient({ baseUrl: "https://batch.test", projectId, auth, fetch: service.fetch });
    const report = await upgradeTaurusDbInBatches(
      client,
      [
        { instanceId: "t1", currentVersion: "1" },
        { instanceId: "t1", currentVersion: "2" },
      ],
      { delay: false },
    );
    expect(service.bodies[0].databases_instance_infos).toEqual([{ instance_id: "t1", current_version: "1" }]);
    expect(report.notes).toContain("instance t1 was listed with versions 1 and 2; 1 (the first) was sent");
  });
});

describe("openGauss", () => {
  it("formats startTime in UTC as the spec's pattern and sends hotfix/upgradeAutoCommit with targetVersion", async () => {
    const service = fakeService("gaussdb");
    const client = createGaussDbClient({ baseUrl: "https://batch.test", projectId, auth, fetch: service.fetch });
    const report = await scheduleGaussDbHotfixInBatches(client, ["cc0ae5c47bf94834bf9e44138f7f995ain14"], {
      startTime: new Date("2023-06-05T17:47:20.999Z"),
      targetVersion: "3.208.0.6,3.208.0.7",
    });
    expect(service.invalid).toEqual([]);
    expect(service.bodies[0]).toEqual({
      instance_ids: ["cc0ae5c47bf94834bf9e44138f7f995ain14"],
      start_time: "2023-06-05T17:47:20+0000",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
      target_version: "3.208.0.6,3.208.0.7",
    });
    expect(report.outcomes[0]).toMatchObject({
      status: "submitted",
      taskId: "task-cc0ae5c47bf94834bf9e44138f7f995ain14",
      taskName: "HOTFIX_VERSION_UPGRADE",
    });
    await expect(
      scheduleGaussDbHotfixInBatches(client, ["a"], { startTime: new Date(Number.NaN), targetVersion: "1" }),
    ).rejects.toThrow(RangeError);
    await expect(
      scheduleGaussDbHotfixInBatches(client, ["a"], { startTime: new Date(), targetVersion: "" }),
    ).rejects.toThrow(/targetVersion/);
  });

  it("formatStartTime always matches the spec's start_time pattern", () => {
    for (const ms of [
      0,
      1,
      86_399_999,
      Date.UTC(1999, 11, 31, 23, 59, 59),
      Date.UTC(2030, 5, 15, 12),
      253402300799999,
    ]) {
      const start_time = formatStartTime(new Date(ms));
      const body = {
        instance_ids: ["a"],
        start_time,
        upgrade_type: "hotfix",
        upgrade_action: "upgradeAutoCommit",
        target_version: "1",
      };
      expect(validator.validateRequestBody("gaussdb", "createScheduleTask", body).issues).toEqual([]);
      expect(Date.parse(start_time.replace("+0000", "Z"))).toBe(Math.floor(ms / 1000) * 1000);
    }
  });
});
