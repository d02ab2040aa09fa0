import { apiNames } from "@dbupgrade/specs";
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";
import { requestExamples, responseExamples } from "../src/spec-examples.js";
import { latestVersion } from "../src/services/profiles.js";
import { exampleWithUniqueIds, jobIdsIn } from "./helpers/unique-ids.js";
import { jsonRequest, mustSend, onlyOperation } from "./support.js";

const clockAt = (iso: string) => {
  const state = { now: Date.parse(iso) };
  return { state, clock: () => state.now };
};

// Exactly, except that an id an example repeats is handed out once (see helpers/unique-ids.ts).
describe("the spec examples reproduce exactly", () => {
  for (const api of apiNames) {
    const op = onlyOperation(api);
    const success = responseExamples(api, op.operationId).filter((e) => e.status === op.successStatus);
    for (const request of requestExamples(api, op.operationId)) {
      it(`${api}: ${request.name} -> ${success.map((e) => e.name).join(", ")}`, async () => {
        for (const seed of [1, 2, 12345]) {
          const mock = createMockApi({ seed });
          const answer = await mustSend(mock.handlers, jsonRequest(op, request.value));
          expect(answer.status).toBe(op.successStatus);
          expect(success.map((e) => exampleWithUniqueIds(e.value))).toContainEqual(answer.body);
          const ids = jobIdsIn(answer.body);
          expect(new Set(ids).size).toBe(ids.length);
        }
      });
    }
  }
});

describe("GeminiDB and DDS answer per instance", () => {
  for (const api of ["geminidb", "dds"] as const) {
    const op = onlyOperation(api);

    it(`${api}: accepts available instances with a job id, refuses busy ones with DBS.200011 and unknown ones with DBS.200002`, async () => {
      const mock = createMockApi({ seed: 8 });
      const engine = api === "geminidb" ? { engine: "Redis" as const } : {};
      const pick = (status: "available" | "upgrading" | "frozen" | "abnormal") =>
        mock.fleet.instances(api, { status, ...engine })[0]!.id;
      const unknown = `${"f".repeat(32)}${api === "dds" ? "in02" : "in13"}`;
      const ids = [pick("available"), pick("upgrading"), pick("frozen"), pick("abnormal"), unknown];
      const { status, body } = await mustSend(mock.handlers, jsonRequest(op, { instance_ids: ids }));
      expect(status).toBe(202);
      const [accepted, ...rejected] = body.upgrade_results;
      expect(accepted).toEqual({ instance_id: ids[0], job_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(rejected.map((r: { error_code: string }) => r.error_code)).toEqual([
        "DBS.200011",
        "DBS.200011",
        "DBS.200011",
        "DBS.200002",
      ]);
      expect(rejected[0].error_message).toBe("The status of DB instance does not allow the operation.");
      expect(rejected[3].error_message).toBe(`The DB instance does not exist: ${unknown}.`);
      expect(mock.fleet.get(api, ids[0]!)).toMatchObject({ status: "upgrading", upgrade: { id: accepted.job_id } });
    });

    it(`${api}: an instance listed twice is accepted once`, async () => {
      const mock = createMockApi();
      const id = mock.fleet.instances(api, { status: "available" })[0]!.id;
      const { body } = await mustSend(mock.handlers, jsonRequest(op, { instance_ids: [id, id] }));
      expect(body.upgrade_results[0].job_id).toBeDefined();
      expect(body.upgrade_results[1].error_code).toBe("DBS.200011");
    });
  }

  it("GeminiDB refuses a batch that mixes engines, naming them, and changes nothing", async () => {
    const mock = createMockApi();
    const cassandra = mock.fleet.instances("geminidb", { engine: "Cassandra", status: "available" })[0]!.id;
    const redis = mock.fleet.instances("geminidb", { engine: "Redis", status: "available" })[0]!.id;
    const { status, body } = await mustSend(
      mock.handlers,
      jsonRequest(onlyOperation("geminidb"), { instance_ids: [cassandra, redis] }),
    );
    expect(status).toBe(400);
    expect(body.error_code).toBe("DBS.200001");
    expect(body.error_msg).toContain(`Cassandra: ${cassandra}; Redis: ${redis}`);
    expect(mock.fleet.get("geminidb", cassandra)?.status).toBe("available");
  });

  it("DDS has no engine rule", async () => {
    const mock = createMockApi();
    const ids = mock.fleet
      .instances("dds", { status: "available" })
      .slice(0, 3)
      .map((i) => i.id);
    const { body } = await mustSend(mock.handlers, jsonRequest(onlyOperation("dds"), { instance_ids: ids }));
    expect(body.upgrade_results.every((r: { job_id?: string }) => r.job_id)).toBe(true);
  });
});

describe("TaurusDB is all-or-nothing", () => {
  const op = onlyOperation("taurusdb");
  const info = (i: { id: string; version: string }) => ({ instance_id: i.id, current_version: i.version });

  it("upgrades every instance and answers {resp: success}", async () => {
    const { state, clock } = clockAt("2026-03-01T00:00:00Z");
    const mock = createMockApi({ clock, upgradeDurationMs: 1000 });
    const instances = mock.fleet.instances("taurusdb", { status: "available" }).slice(0, 3);
    const { status, body } = await mustSend(
      mock.handlers,
      jsonRequest(op, { databases_instance_infos: instances.map(info), delay: false }),
    );
    expect([status, body]).toEqual([200, { resp: "success" }]);
    for (const i of instances) expect(mock.fleet.get("taurusdb", i.id)?.upgrade?.status).toBe("running");
    state.now += 1000;
    for (const i of instances)
      expect(mock.fleet.get("taurusdb", i.id)).toMatchObject({
        status: "available",
        version: latestVersion("taurusdb"),
      });
  });

  it.each([true, "true"])("defers the upgrade to the maintenance window with delay: %j", async (delay) => {
    const mock = createMockApi({ maintenanceDelayMs: 5000, upgradeDurationMs: 1000 });
    const instance = mock.fleet.instances("taurusdb", { status: "available" })[0]!;
    await mustSend(mock.handlers, jsonRequest(op, { databases_instance_infos: [info(instance)], delay }));
    const job = mock.fleet.get("taurusdb", instance.id)!.upgrade!;
    expect(job.status).toBe("scheduled");
    expect(job.startsAt - job.submittedAt).toBe(5000);
  });

  it("refuses the whole batch when one instance is unknown, busy or at another version, and upgrades none", async () => {
    const mock = createMockApi();
    const [good] = mock.fleet.instances("taurusdb", { status: "available" });
    const [frozen] = mock.fleet.instances("taurusdb", { status: "frozen" });
    const unknown = `${"a".repeat(32)}in07`;
    const cases = [
      {
        infos: [info(good!), { instance_id: unknown, current_version: "2.0.48.231200" }],
        code: "DBS.200022",
        text: `The DB instance does not exist: ${unknown}.`,
      },
      { infos: [info(good!), info(frozen!)], code: "DBS.200011", text: `(${frozen!.id}: frozen)` },
      {
        infos: [{ ...info(good!), current_version: "0.0.0.1" }],
        code: "DBS.200001",
        text: `current_version is 0.0.0.1 but ${good!.id} runs ${good!.version}`,
      },
      {
        infos: [info(good!), info(good!)],
        code: "DBS.200001",
        text: "databases_instance_infos[1].instance_id repeats",
      },
    ];
    for (const c of cases) {
      const { status, body } = await mustSend(
        mock.handlers,
        jsonRequest(op, { databases_instance_infos: c.infos, delay: false }),
      );
      expect(status).toBe(400);
      expect(body.error_code).toBe(c.code);
      expect(body.error_msg).toContain(c.text);
      expect(mock.fleet.get("taurusdb", good!.id)?.status).toBe("available");
    }
    expect(mock.fleet.jobs("taurusdb").every((j) => j.instanceId !== good!.id)).toBe(true);
  });

  it("answers in Chinese with X-Language: zh-cn", async () => {
    const mock = createMockApi();
    const request = jsonRequest(
      op,
      { databases_instance_infos: [{ instance_id: `${"b".repeat(32)}in07`, current_version: "1" }], delay: false },
      { headers: { "X-Language": "zh-cn" } },
    );
    const { body } = await mustSend(mock.handlers, request);
    expect(body.error_msg).toBe(`实例不存在：${"b".repeat(32)}in07。`);
  });
});

describe("openGauss schedules one hot-patch task per instance", () => {
  const op = onlyOperation("gaussdb");
  const body = (ids: string[], start_time = "2026-03-01T08:00:00+0800") => ({
    instance_ids: ids,
    start_time,
    upgrade_type: "hotfix",
    upgrade_action: "upgradeAutoCommit",
    target_version: "3.208.0.6,3.208.0.7",
  });

  it("starts each task at start_time and moves the instance to the last listed patch", async () => {
    const { state, clock } = clockAt("2026-03-01T00:00:00Z");
    const mock = createMockApi({ clock, upgradeDurationMs: 60_000 });
    const ids = mock.fleet
      .instances("gaussdb", { status: "available" })
      .slice(0, 2)
      .map((i) => i.id);
    const answer = await mustSend(mock.handlers, jsonRequest(op, body(ids, "2026-03-01T09:00:00+0800")));
    expect(answer.status).toBe(200);
    expect(answer.body.instance_tasks).toEqual(
      ids.map((id) => ({
        instance_id: id,
        task_name: "HOTFIX_VERSION_UPGRADE",
        task_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })),
    );
    expect(mock.fleet.get("gaussdb", ids[0]!)?.upgrade).toMatchObject({
      status: "scheduled",
      startsAt: Date.parse("2026-03-01T01:00:00Z"),
    });
    state.now = Date.parse("2026-03-01T01:01:00Z");
    expect(mock.fleet.get("gaussdb", ids[0]!)).toMatchObject({ status: "available", version: "3.208.0.7" });
  });

  it("refuses the whole batch for an unknown or busy instance or a date that does not exist", async () => {
    const mock = createMockApi();
    const [good] = mock.fleet.instances("gaussdb", { status: "available" });
    const [upgrading] = mock.fleet.instances("gaussdb", { status: "upgrading" });
    const cases: [Record<string, unknown>, string][] = [
      [body([good!.id, `${"c".repeat(32)}in14`]), "DBS.200002"],
      [body([good!.id, upgrading!.id]), "DBS.200011"],
      [body([good!.id], "2026-02-30T08:00:00+0800"), "DBS.200001"],
    ];
    for (const [request, code] of cases) {
      const answer = await mustSend(mock.handlers, jsonRequest(op, request));
      expect([answer.status, answer.body.error_code]).toEqual([400, code]);
    }
    expect(mock.fleet.get("gaussdb", good!.id)?.status).toBe("available");
  });

  it("answers a start_time in another form (unverified, not invalid in the spec) with a 400 that says why", async () => {
    const mock = createMockApi();
    const [good] = mock.fleet.instances("gaussdb", { status: "available" });
    for (const other of ["1731738579000", "2026-03-01T08:00:00+08:00", "2026-03-01T00:00:00Z"]) {
      const answer = await mustSend(mock.handlers, jsonRequest(op, body([good!.id], other)));
      expect([answer.status, answer.body.error_code]).toEqual([400, "DBS.200001"]);
      expect(answer.body.error_msg).toContain(
        `body.start_time ${other} is not in the documented form yyyy-MM-ddTHH:mm:ss±hhmm`,
      );
      expect(answer.body.error_msg).toMatch(/unverified/);
    }
    expect(mock.fleet.get("gaussdb", good!.id)?.status).toBe("available");
  });

  it("names every problem of a refused batch, one sentence each", async () => {
    const mock = createMockApi();
    const unknown = `${"c".repeat(32)}in14`;
    const answer = await mustSend(mock.handlers, jsonRequest(op, body([unknown], "2026-02-30T08:00:00+0800")));
    expect(answer.status).toBe(400);
    expect(answer.body.error_msg).toMatch(
      /2026-02-30T08:00:00\+0800 is not a calendar date\. The DB instance does not exist: c+in14\./,
    );
  });
});

describe("state carries across requests", () => {
  it("an accepted instance is refused while upgrading and accepted again once done", async () => {
    const op = onlyOperation("dds");
    const mock = createMockApi();
    const id = mock.fleet.instances("dds", { status: "available" })[0]!.id;
    const first = await mustSend(mock.handlers, jsonRequest(op, { instance_ids: [id] }));
    const second = await mustSend(mock.handlers, jsonRequest(op, { instance_ids: [id] }));
    expect(second.body.upgrade_results[0].error_code).toBe("DBS.200011");
    mock.fleet.advance();
    const third = await mustSend(mock.handlers, jsonRequest(op, { instance_ids: [id] }));
    expect(third.body.upgrade_results[0].job_id).not.toBe(first.body.upgrade_results[0].job_id);
  });

  it("the same seed gives the same answers and request ids; reset() starts over", async () => {
    const script = async (seed: number) => {
      const mock = createMockApi({ seed });
      const out: unknown[] = [];
      const run = async () => {
        for (const api of apiNames) {
          const op = onlyOperation(api);
          const ids = mock.fleet.instances(api).slice(0, 4);
          const request =
            api === "taurusdb"
              ? {
                  databases_instance_infos: ids.map((i) => ({ instance_id: i.id, current_version: i.version })),
                  delay: false,
                }
              : api === "gaussdb"
                ? {
                    instance_ids: ids.map((i) => i.id),
                    start_time: "2026-01-01T00:00:00+0000",
                    upgrade_type: "hotfix",
                    upgrade_action: "upgradeAutoCommit",
                    target_version: "3.208.0.6",
                  }
                : {
                    instance_ids: ids
                      .filter((i) => i.engine === undefined || i.engine === ids[0]!.engine)
                      .map((i) => i.id),
                  };
          const answer = await mustSend(mock.handlers, jsonRequest(op, request));
          out.push([answer.status, answer.body, answer.headers["x-request-id"]]);
        }
      };
      await run();
      mock.reset();
      const firstRun = out.splice(0);
      await run();
      return { firstRun, afterReset: out };
    };
    const a = await script(7);
    expect(a.afterReset).toEqual(a.firstRun);
    expect((await script(7)).firstRun).toEqual(a.firstRun);
    expect((await script(8)).firstRun).not.toEqual(a.firstRun);
  });
});
