// Every job and task id a fleet hands out is its own: the spec examples' ids at most once (to the
// first upgrade of an instance the example names), so two tasks never share an id and a cancel
// cancels exactly the task it names, in process and over HTTP.
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFleet } from "../src/fleet.js";
import { formatTime } from "../src/operations/query.js";
import { createPrng } from "../src/prng.js";
import { seedPageInstances } from "../src/seed-page.js";
import { T0, transports, type Transport } from "./follow-support.js";

const MINUTE = 60_000;
const exampleTaskId = "07c5880a-cbf0-44ad-91c1-5803a10f11a1";

describe.each(transports)("%s", (_name, open) => {
  let t: Transport;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(() => t.close());

  it("openGauss: the example's two instances get two task ids (the first the example's), and a cancel cancels only the task named", async () => {
    const [a, b] = seedPageInstances("gaussdb").map((s) => s.id);
    const target = t.mock.fleet.get("gaussdb", a!)!.latestVersion;
    const submit = await t.call("gaussdb", "createScheduleTask", {
      body: {
        instance_ids: [a, b],
        start_time: formatTime(T0 + 60 * MINUTE),
        upgrade_type: "hotfix",
        upgrade_action: "upgradeAutoCommit",
        target_version: target,
      },
    });
    expect(submit.status).toBe(200);
    const [taskA, taskB] = submit.body.instance_tasks.map((x: { task_id: string }) => x.task_id);
    expect(taskA).toBe(exampleTaskId);
    expect(taskB).not.toBe(taskA);

    const statusOf = async (instanceId: string) =>
      (await t.call("gaussdb", "listScheduleTask", { query: { instance_id: instanceId } })).body.tasks.map(
        (task: { status: string }) => task.status,
      );
    expect((await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: taskA } })).status).toBe(200);
    expect(await statusOf(a!)).toEqual(["Canceled"]);
    expect(await statusOf(b!)).toEqual(["Pending"]);
    // The id names one task: cancelling it again does not reach the other instance's task.
    expect((await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: taskA } })).status).toBe(400);
    expect(await statusOf(b!)).toEqual(["Pending"]);
    expect((await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: taskB } })).status).toBe(200);
    expect(await statusOf(b!)).toEqual(["Canceled"]);
  });

  it("openGauss: an instance upgraded again never gets the example's task id a second time", async () => {
    const [a] = seedPageInstances("gaussdb").map((s) => s.id);
    const submit = async () =>
      (
        await t.call("gaussdb", "createScheduleTask", {
          body: {
            instance_ids: [a],
            start_time: formatTime(t.mock.fleet.now() + 60 * MINUTE),
            upgrade_type: "hotfix",
            upgrade_action: "upgradeAutoCommit",
            target_version: t.mock.fleet.get("gaussdb", a!)!.latestVersion,
          },
        })
      ).body.instance_tasks[0].task_id as string;
    const first = await submit();
    expect((await t.call("gaussdb", "cancelScheduleTask", { params: { task_id: first } })).status).toBe(200);
    const second = await submit();
    expect(first).toBe(exampleTaskId);
    expect(second).not.toBe(first);
    expect(t.mock.fleet.jobs("gaussdb").filter((j) => j.id === first)).toHaveLength(1);
  });

  it("TaurusDB: two delayed upgrades get two job ids, and cancelScheduleTask cancels only the one named", async () => {
    const [a, b] = t.mock.fleet.instances("taurusdb", { status: "available" });
    const infos = [a!, b!].map((i) => ({ instance_id: i.id, current_version: i.version }));
    const submit = await t.call("taurusdb", "batchUpgradeDatabases", {
      body: { databases_instance_infos: infos, delay: true },
    });
    expect(submit.status).toBe(200);
    const jobOf = async (instanceId: string) =>
      (
        await t.call("taurusdb", "listScheduleJobs", {
          query: { job_name: "VERSION_UPGRADE", instance_id: instanceId, offset: "0", limit: "10" },
        })
      ).body.schedules[0] as { job_id: string; job_status: string };
    const [jobA, jobB] = [await jobOf(a!.id), await jobOf(b!.id)];
    expect(jobA.job_id).not.toBe(jobB.job_id);
    const cancel = await t.call("taurusdb", "cancelScheduleTask", { body: { job_ids: [jobA.job_id] } });
    expect(cancel.body).toEqual({ job_ids: [jobA.job_id] });
    expect((await jobOf(a!.id)).job_status).toBe("Canceled");
    expect((await jobOf(b!.id)).job_status).toBe("Pending");
  });
});

describe("job ids over many submits", () => {
  // Property-style: for each seed, a seeded random walk of submits (seed-page instances, generated and
  // added ones, repeats after settling) over the four services; every id is new when handed out.
  it.each([1, 2, 3, 7, 42, 1234, "x", "seed-page"])("seed %s: 400 submits, no id handed out twice", (seed) => {
    const fleet = createFleet({ seed, clock: () => T0, instancesPerApi: 8 });
    const walk = createPrng(seed, "unique-job-ids-test");
    const seen = new Map<string, ApiName>();
    const canonical = (id: string) => id.replace(/-/g, "").toLowerCase();
    for (const job of fleet.jobs()) seen.set(`${job.api}:${canonical(job.id)}`, job.api);
    const exampleIds = new Set(seedPageInstances("geminidb").flatMap((s) => s.reservedJobId ?? []));
    const allIds: string[] = fleet.jobs().map((j) => canonical(j.id));
    for (let i = 0; i < 400; i++) {
      const api = walk.pick(apiNames);
      if (walk.next() < 0.05) fleet.add(api);
      if (walk.next() < 0.3) fleet.settle();
      const available = fleet.instances(api, { status: "available" });
      if (available.length === 0) {
        fleet.settle();
        continue;
      }
      // Seed-page instances first when available, so their example ids are exercised and then repeated.
      const seedPage = available.filter((x) => x.name.includes("example"));
      const instance = seedPage.length && walk.next() < 0.5 ? walk.pick(seedPage) : walk.pick(available);
      const job = fleet.startUpgrade(api, instance.id, { startsAfterMs: walk.int(3) * MINUTE });
      const key = `${api}:${canonical(job.id)}`;
      expect(seen.has(key), `${key} handed out twice`).toBe(false);
      seen.set(key, api);
      allIds.push(canonical(job.id));
      if (walk.next() < 0.2) fleet.cancel(api, job.id);
    }
    // Across services too, except the one job id the GeminiDB and DDS examples both show (each gives it once).
    const repeated = allIds.filter((id, i) => allIds.indexOf(id) !== i);
    expect(repeated.every((id) => [...exampleIds].map(canonical).includes(id))).toBe(true);
    expect(repeated.length).toBeLessThanOrEqual(1);
    // Every job is still found by its own id.
    for (const job of fleet.jobs()) expect(fleet.job(job.api, job.id)?.instanceId).toBe(job.instanceId);
  });
});
