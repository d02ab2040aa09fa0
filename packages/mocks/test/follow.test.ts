// plan -> submit -> follow -> confirm against the mock, per service, in process and over HTTP: jobs
// move Running -> Completed (version and eligibility change) or Failed (with fail_reason), TaurusDB's
// job appears only after the visibility delay, delayed and scheduled tasks are Pending until their
// time and can be cancelled.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatTime } from "../src/operations/query.js";
import { T0, transports, type Transport } from "./follow-support.js";

const MINUTE = 60_000;
const since = formatTime(T0 - MINUTE);

describe.each(transports)("%s", (_name, open) => {
  let t: Transport;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(() => t.close());

  describe("GeminiDB", () => {
    it("listJobs follows a patch job to Completed; listInstances confirms patch_available false", async () => {
      const [instance] = t.mock.fleet
        .instances("geminidb", { status: "available", engine: "Cassandra" })
        .filter((i) => i.patchAvailable);
      const before = await t.call("geminidb", "listInstances", { query: { id: instance!.id } });
      expect(before.body.instances).toEqual([
        expect.objectContaining({
          id: instance!.id,
          status: "normal",
          datastore: expect.objectContaining({
            type: "cassandra",
            patch_available: true,
            whole_version: instance!.version,
          }),
        }),
      ]);
      const submit = await t.call("geminidb", "batchUpgradeDatabaseVersion", {
        body: { instance_ids: [instance!.id] },
      });
      const jobId = submit.body.upgrade_results[0].job_id as string;

      t.mock.clock.advance(t.mock.fleet.jobDurationMs / 2);
      const running = await t.call("geminidb", "listJobs", { query: { id: jobId } });
      expect(running.body).toEqual({
        total_count: 1,
        jobs: [
          expect.objectContaining({
            id: jobId,
            name: "UpgradeDbVersion",
            status: "Running",
            progress: "50%",
            end_time: "",
            fail_reason: "",
          }),
        ],
      });
      const busy = await t.call("geminidb", "listInstances", { query: { id: instance!.id } });
      expect(busy.body.instances[0].actions).toEqual(["UPGRADING"]);

      t.mock.clock.advance(t.mock.fleet.jobDurationMs / 2);
      const done = await t.call("geminidb", "listJobs", { query: { id: jobId } });
      expect(done.body.jobs[0]).toMatchObject({
        status: "Completed",
        progress: "",
        end_time: formatTime(T0 + t.mock.fleet.jobDurationMs),
      });
      const after = await t.call("geminidb", "listInstances", { query: { id: instance!.id } });
      expect(after.body.instances[0]).toMatchObject({
        actions: [],
        datastore: { patch_available: false, whole_version: instance!.latestVersion },
      });
    });

    it("a failing job ends Failed with its fail_reason and the instance keeps its version", async () => {
      const [instance] = t.mock.fleet.instances("geminidb", { status: "available", engine: "Redis" });
      t.mock.scenario("failingJob", { api: "geminidb", failReason: "Patch package check failed." });
      const submit = await t.call("geminidb", "batchUpgradeDatabaseVersion", {
        body: { instance_ids: [instance!.id] },
      });
      t.mock.fleet.settle();
      const job = await t.call("geminidb", "listJobs", {
        query: { id: submit.body.upgrade_results[0].job_id, status: "Failed" },
      });
      expect(job.body.jobs[0]).toMatchObject({ status: "Failed", fail_reason: "Patch package check failed." });
      const after = await t.call("geminidb", "listInstances", { query: { id: instance!.id } });
      expect(after.body.instances[0].datastore).toMatchObject({ type: "redis", patch_available: true });
      expect(after.body.instances[0].datastore.whole_version).toBeUndefined(); // Cassandra only
    });
  });

  describe("DDS", () => {
    it("showJobDetail follows a job; fail_reason is null unless it failed; listInstances confirms", async () => {
      const [ok, bad] = t.mock.fleet.instances("dds", { status: "available" }).filter((i) => i.patchAvailable);
      const duration = await t.call("dds", "showUpgradeDuration", { params: { instance_id: ok!.id } });
      expect(duration.body.strategies).toContainEqual({
        strategy: "minimized_upgrade_time",
        estimated_upgrade_duration: 1,
      });
      t.mock.scenario("failingJob", { api: "dds", instanceId: bad!.id });
      const submit = await t.call("dds", "batchUpgradeDatabaseVersion", { body: { instance_ids: [ok!.id, bad!.id] } });
      const [okJob, badJob] = submit.body.upgrade_results.map((r: { job_id: string }) => r.job_id);
      const running = await t.call("dds", "showJobDetail", { query: { id: okJob } });
      expect(running.body.job).toMatchObject({
        id: okJob,
        name: "UpgradeDatabaseVersion",
        status: "Running",
        ended: "",
        fail_reason: null,
      });
      t.mock.fleet.settle();
      expect((await t.call("dds", "showJobDetail", { query: { id: okJob } })).body.job).toMatchObject({
        status: "Completed",
        progress: "100%",
        fail_reason: null,
      });
      expect((await t.call("dds", "showJobDetail", { query: { id: badJob } })).body.job).toMatchObject({
        status: "Failed",
        fail_reason: "Upgrade failed: node health check failed.",
      });
      const list = await t.call("dds", "listInstances", { query: { limit: 100 } });
      const byId = new Map(list.body.instances.map((i: { id: string }) => [i.id, i]));
      expect(byId.get(ok!.id)).toMatchObject({
        datastore: { patch_available: false, whole_version: ok!.latestVersion },
      });
      expect(byId.get(bad!.id)).toMatchObject({ datastore: { patch_available: true, whole_version: bad!.version } });
    });

    it("an unknown job id is the documented 400", async () => {
      const answer = await t.call("dds", "showJobDetail", { query: { id: "no-such-job" } });
      expect(answer).toMatchObject({
        status: 400,
        body: { error_code: "DBS.200001", error_msg: expect.stringContaining("query.id") },
      });
    });
  });

  describe("TaurusDB", () => {
    it("an immediate upgrade's job appears only after the visibility delay, then completes; the kernel version confirms", async () => {
      const [instance] = t.mock.fleet.instances("taurusdb", { status: "available" });
      const version = await t.call("taurusdb", "showInstanceDatabaseVersion", {
        params: { instance_id: instance!.id },
      });
      expect(version.body).toEqual({
        datastore: {
          current_version: "8.0.22",
          current_kernel_version: instance!.version,
          latest_version: "8.0.22",
          latest_kernel_version: instance!.latestVersion,
        },
        upgrade_flag: true,
      });
      const submit = await t.call("taurusdb", "batchUpgradeDatabases", {
        body: {
          databases_instance_infos: [{ instance_id: instance!.id, current_version: instance!.version }],
          delay: false,
        },
      });
      expect(submit.body).toEqual({ resp: "success" });
      // No job id: the rows are matched on instance_id (the seed's own running upgrades are listed too).
      const query = { job_name: "UpgradeGaussDBforMySQLDatabaseVersion", start_time: since, offset: "0", limit: "50" };
      const rows = async (extra: Record<string, string> = {}) =>
        (await t.call("taurusdb", "listImmediateJobs", { query: { ...query, ...extra } })).body.jobs.filter(
          (j: { instance_id: string }) => j.instance_id === instance!.id,
        );
      expect(await rows()).toEqual([]);
      t.mock.clock.advance(2_999);
      expect(await rows()).toEqual([]);
      t.mock.clock.advance(1);
      expect(await rows()).toEqual([
        expect.objectContaining({ status: "Running", instance_status: "normal", created_time: formatTime(T0) }),
      ]);
      t.mock.fleet.settle();
      expect(await rows({ status: "Completed" })).toEqual([
        expect.objectContaining({ process: "100%", fail_reason: "" }),
      ]);
      const after = await t.call("taurusdb", "showInstanceDatabaseVersion", { params: { instance_id: instance!.id } });
      expect(after.body).toMatchObject({
        datastore: { current_kernel_version: instance!.latestVersion },
        upgrade_flag: false,
      });
    });

    it("delay: true gives a Pending scheduled job until the maintenance window; it can be cancelled", async () => {
      const [a, b] = t.mock.fleet.instances("taurusdb", { status: "available" });
      const infos = [a!, b!].map((i) => ({ instance_id: i.id, current_version: i.version }));
      await t.call("taurusdb", "batchUpgradeDatabases", { body: { databases_instance_infos: infos, delay: true } });
      const scheduled = async (instanceId: string) =>
        (
          await t.call("taurusdb", "listScheduleJobs", {
            query: { job_name: "VERSION_UPGRADE", instance_id: instanceId, offset: "0", limit: "10" },
          })
        ).body;
      const pending = await scheduled(a!.id);
      expect(pending).toMatchObject({
        total_count: 1,
        schedules: [{ instance_id: a!.id, job_status: "Pending", job_name: "VERSION_UPGRADE" }],
      });
      const immediate = (await t.call("taurusdb", "listImmediateJobs", { query: { start_time: since, limit: "50" } }))
        .body.jobs;
      expect(
        immediate.filter((j: { instance_id: string }) => j.instance_id === a!.id || j.instance_id === b!.id),
      ).toEqual([]);

      const cancel = await t.call("taurusdb", "cancelScheduleTask", {
        body: { job_ids: [pending.schedules[0].job_id, "not-a-job"] },
      });
      expect(cancel.body).toEqual({ job_ids: [pending.schedules[0].job_id] });
      expect((await scheduled(a!.id)).schedules[0].job_status).toBe("Canceled");

      t.mock.clock.advance(t.mock.fleet.maintenanceDelayMs - 1);
      expect((await scheduled(b!.id)).schedules[0].job_status).toBe("Pending");
      t.mock.clock.advance(1);
      expect((await scheduled(b!.id)).schedules[0].job_status).toBe("Running");
      const late = await t.call("taurusdb", "cancelScheduleTask", {
        body: { job_ids: [(await scheduled(b!.id)).schedules[0].job_id] },
      });
      expect(late.body).toEqual({ job_ids: [] });
      // The cancelled instance is free again and keeps its version.
      expect(t.mock.fleet.get("taurusdb", a!.id)).toMatchObject({ status: "available", version: a!.version });
    });
  });

  describe("openGauss", () => {
    it("tasks are Pending until start_time, then Running, then Completed; hotfix_version_infos confirms; Pending tasks cancel", async () => {
      // Generated instances (the seed page's two, which its example shows with one task id, are in unique-job-ids.test.ts).
      const [a, b] = t.mock.fleet
        .instances("gaussdb", { status: "available" })
        .filter((i) => !i.name.includes("example"));
      const candidates = await t.call("gaussdb", "batchShowUpgradeCandidateVersions", {
        body: { instance_ids: [a!.id, b!.id] },
      });
      expect(candidates.body.upgrade_type_list[0]).toMatchObject({
        upgrade_type: "hotfix",
        enable: true,
        upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: true }],
      });
      // /v3.1 prefixes versions ("V2.0-3.208.0.6"); createScheduleTask takes them bare.
      const target = candidates.body.hotfix_upgrade_infos
        .map((h: { version: string }) => h.version.replace(/^V\d+\.\d+-/, ""))
        .join(",");
      const submit = await t.call("gaussdb", "createScheduleTask", {
        body: {
          instance_ids: [a!.id, b!.id],
          start_time: formatTime(T0 + 60 * MINUTE),
          upgrade_type: "hotfix",
          upgrade_action: "upgradeAutoCommit",
          target_version: target,
        },
      });
      const [taskA, taskB] = submit.body.instance_tasks.map((x: { task_id: string }) => x.task_id);
      const tasksOf = async (instanceId: string) =>
        (
          await t.call("gaussdb", "listScheduleTask", {
            query: { instance_id: instanceId, name: "HOTFIX_VERSION_UPGRADE" },
          })
        ).body.tasks;
      const [pending] = await tasksOf(a!.id);
      // The list's quirks: the same task id without dashes, a localized task name, target_config.
      expect(pending).toMatchObject({
        task_id: taskA.replace(/-/g, ""),
        task_name: "升级实例热补丁",
        status: "Pending",
        target_config: target,
      });

      expect((await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: taskB } })).status).toBe(200);
      expect((await tasksOf(b!.id))[0].status).toBe("Canceled");
      t.mock.clock.advance(60 * MINUTE);
      expect((await tasksOf(a!.id))[0].status).toBe("Running");
      const tooLate = await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: taskA } });
      expect(tooLate).toMatchObject({
        status: 400,
        body: { error_msg: expect.stringContaining("only Pending tasks") },
      });
      t.mock.fleet.settle();
      expect((await tasksOf(a!.id))[0].status).toBe("Completed");
      // Confirmed on /v3.3 (prefixed versions); the deprecated /v3 list has only a hotfix_versions string.
      const list = await t.call("gaussdb", "listDatabaseInstances", { query: { id: a!.id } });
      expect(list.body.instances[0].datastore.hotfix_version_infos.map((h: { version: string }) => h.version)).toEqual(
        target.split(",").map((v: string) => `V2.0-${v}`),
      );
      const legacy = await t.call("gaussdb", "listInstances", { query: { id: a!.id } });
      expect(legacy.body.instances[0].datastore).toMatchObject({ hotfix_versions: target });
      expect(legacy.body.instances[0].datastore.hotfix_version_infos).toBeUndefined();
      expect(t.mock.fleet.get("gaussdb", b!.id)?.installedPatches).toEqual([]);
    });
  });
});
