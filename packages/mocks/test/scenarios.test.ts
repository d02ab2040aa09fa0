// Each scenario preset does what it says, in process and over HTTP; lists page and validate their
// queries (a bad limit is the documented 400).
import type { ApiName } from "@dbupgrade/specs";
import { afterEach, describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";
import { transports, type Transport } from "./follow-support.js";

describe.each(transports)("%s", (_name, open) => {
  let t: Transport | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const submitDds = async (id: string) =>
    (await t!.call("dds", "batchUpgradeDatabaseVersion", { body: { instance_ids: [id] } })).body.upgrade_results[0]
      .job_id as string;

  it("hangingJob: the job stays Running even after settle()", async () => {
    t = await open();
    const [instance] = t.mock.fleet.instances("dds", { status: "available" });
    t.mock.scenario("hangingJob", { api: "dds" });
    const jobId = await submitDds(instance!.id);
    t.mock.clock.advance(10 * t.mock.fleet.jobDurationMs);
    t.mock.fleet.settle();
    expect((await t.call("dds", "showJobDetail", { query: { id: jobId } })).body.job).toMatchObject({
      status: "Running",
      progress: "99%",
    });
  });

  it("instanceDeleted: the job fails half-way and the instance leaves the lists", async () => {
    t = await open();
    const [instance] = t.mock.fleet.instances("geminidb", { status: "available", engine: "Influx" });
    t.mock.scenario("instanceDeleted", { instanceId: instance!.id });
    const submit = await t.call("geminidb", "batchUpgradeDatabaseVersion", { body: { instance_ids: [instance!.id] } });
    t.mock.clock.advance(t.mock.fleet.jobDurationMs / 2);
    const job = await t.call("geminidb", "listJobs", { query: { id: submit.body.upgrade_results[0].job_id } });
    expect(job.body.jobs[0]).toMatchObject({
      status: "Failed",
      fail_reason: "The DB instance has been deleted.",
      instance: { id: instance!.id },
    });
    expect((await t.call("geminidb", "listInstances", { query: { id: instance!.id } })).body).toEqual({
      instances: [],
      total_count: 0,
    });
    expect(t.mock.fleet.get("geminidb", instance!.id)).toBeUndefined();
  });

  it("instanceDeleted on TaurusDB: the task centre shows the instance as deleted", async () => {
    t = await open();
    const [instance] = t.mock.fleet.instances("taurusdb", { status: "available" });
    t.mock.scenario("instanceDeleted", { api: "taurusdb" });
    await t.call("taurusdb", "batchUpgradeDatabases", {
      body: {
        databases_instance_infos: [{ instance_id: instance!.id, current_version: instance!.version }],
        delay: false,
      },
    });
    t.mock.fleet.settle();
    const rows = (await t.call("taurusdb", "listImmediateJobs", { query: { status: "Failed" } })).body.jobs;
    expect(rows).toEqual([
      expect.objectContaining({
        instance_id: instance!.id,
        instance_status: "deleted",
        fail_reason: "The DB instance has been deleted.",
      }),
    ]);
  });

  it("jobApiErrors: only the follow operations fail, `times` times, then answer again", async () => {
    t = await open();
    const [a, b] = t.mock.fleet.instances("dds", { status: "available" });
    const jobId = await submitDds(a!.id);
    t.mock.scenario("jobApiErrors", { api: "dds", times: 2 });
    expect((await t.call("dds", "listInstances")).status).toBe(200); // a plan operation: unaffected
    expect((await t.call("dds", "showJobDetail", { query: { id: jobId } })).body).toMatchObject({
      error_code: "DBS.00114000",
    });
    expect((await submitDds(b!.id)).length).toBeGreaterThan(0); // the batch: unaffected
    expect((await t.call("dds", "showJobDetail", { query: { id: jobId } })).status).toBe(500);
    expect((await t.call("dds", "showJobDetail", { query: { id: jobId } })).status).toBe(200);
  });

  it("jobApiErrors with kind reset: the connection drops instead", async () => {
    t = await open();
    t.mock.scenario("jobApiErrors", { api: "gaussdb", kind: "reset", times: 1 });
    expect((await t.call("gaussdb", "listScheduleTask")).status).toBe(0);
    expect((await t.call("gaussdb", "listScheduleTask")).status).toBe(200);
  });

  it("slowVisibility: TaurusDB jobs stay invisible for the given delay", async () => {
    t = await open();
    const [instance] = t.mock.fleet.instances("taurusdb", { status: "available" });
    t.mock.scenario("slowVisibility", { api: "taurusdb", visibilityDelayMs: 30_000 });
    await t.call("taurusdb", "batchUpgradeDatabases", {
      body: {
        databases_instance_infos: [{ instance_id: instance!.id, current_version: instance!.version }],
        delay: false,
      },
    });
    const mine = async () =>
      (await t!.call("taurusdb", "listImmediateJobs", { query: { limit: "50" } })).body.jobs.filter(
        (j: { instance_id: string }) => j.instance_id === instance!.id,
      );
    t.mock.clock.advance(29_999);
    expect(await mine()).toEqual([]);
    t.mock.clock.advance(1);
    expect(await mine()).toHaveLength(1);
  });

  it("reset() turns the scenarios off", async () => {
    t = await open();
    t.mock.scenario("jobApiErrors", { times: 5 });
    t.mock.reset();
    expect((await t.call("geminidb", "listJobs")).status).toBe(200);
  });

  const lists: [ApiName, string, number][] = [
    ["geminidb", "listInstances", 7],
    ["dds", "listInstances", 9],
    ["taurusdb", "listGaussMySqlInstances", 11],
    ["gaussdb", "listInstances", 13],
  ];

  it.each(lists)("%s.%s pages through 120 instances, each exactly once", async (api, operationId, limit) => {
    t = await open({ instancesPerApi: 120 });
    const expected = t.mock.fleet.instances(api).map((i) => i.id);
    expect(expected.length).toBeGreaterThanOrEqual(120);
    const seen: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = (await t.call(api, operationId, { query: { offset, limit } })).body;
      expect(page.total_count).toBe(expected.length);
      seen.push(...page.instances.map((i: { id: string }) => i.id));
      if (offset + limit >= page.total_count) break;
    }
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen)).toEqual(new Set(expected));
  });

  const badQueries: [ApiName, string, Record<string, string>, RegExp][] = [
    ["geminidb", "listJobs", { limit: "15" }, /query\.limit must be one of 10, 20, 50/],
    ["geminidb", "listInstances", { limit: "0" }, /query\.limit/],
    ["dds", "listInstances", { limit: "101" }, /query\.limit/],
    ["dds", "showJobDetail", {}, /query\.id is required/],
    ["taurusdb", "listImmediateJobs", { limit: "15" }, /query\.limit/],
    ["taurusdb", "listScheduleJobs", { limit: "abc" }, /query\.limit/],
    ["gaussdb", "listScheduleTask", { status: "Done" }, /query\.status must be one of/],
    [
      "geminidb",
      "listJobs",
      { start_time: "2026-01-01T00:00:00+0000", end_time: "2026-03-01T00:00:00+0000" },
      /more than 30 days/,
    ],
    ["gaussdb", "listInstances", { offset: "-1" }, /query\.offset/],
  ];

  it.each(badQueries)("%s.%s %j is the documented 400", async (api, operationId, query, names) => {
    t = await open();
    const answer = await t.call(api, operationId, { query });
    expect(answer).toMatchObject({
      status: 400,
      body: { error_code: "DBS.200001", error_msg: expect.stringMatching(names) },
    });
  });
});

describe("scenario options are checked", () => {
  const mock = createMockApi();
  it.each([
    ["noSuchScenario", {}, /unknown scenario/],
    ["failingJob", { api: "mysql" }, /api must be one of/],
    ["failingJob", { times: 0 }, /times must be an integer/],
    ["hangingJob", { failReason: "x" }, /takes no option "failReason"/],
    ["jobApiErrors", { kind: "404" }, /kind must be/],
    ["slowVisibility", { visibilityDelayMs: -1 }, /visibilityDelayMs/],
  ] as const)("%s %j throws", (name, options, message) => {
    expect(() => mock.scenario(name as never, options as never)).toThrow(message);
  });
});
