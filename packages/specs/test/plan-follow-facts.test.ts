// Each fact of the December 2026 review of the plan/follow operations (job-and-version-apis.md §0,
// plan-follow-review-2026-12.md F1–F14), pinned so that a spec losing it fails a named test. The
// answers below are the official sources' own examples (SDK models, API Explorer, docs), cut down.
import { describe, expect, it } from "vitest";
import { apiDocuments, apiMeta, apiNames, type ApiName } from "../src/index.js";
import { createSpecValidator, describeIssues, findOperation } from "../src/validation.js";

const v = createSpecValidator();
const strict = createSpecValidator({ documentedFieldsOnly: true });
const op = (api: ApiName, id: string) => findOperation(api, id).operation;
const ok = (r: { valid: boolean; issues: { location: string; message: string }[] }) =>
  expect(r.valid, describeIssues(r.issues as never)).toBe(true);
const h = { "X-Request-Id": "r" };

describe("deprecated plan APIs and their recommended replacements (F2, F3)", () => {
  it.each([
    ["gaussdb", "listInstances", "listDatabaseInstances", "GET", "/v3.3/{project_id}/instances"],
    [
      "gaussdb",
      "showBatchUpgradeCandidateVersions",
      "batchShowUpgradeCandidateVersions",
      "POST",
      "/v3.1/{project_id}/instances/db-upgrade/candidate-versions",
    ],
    [
      "taurusdb",
      "listGaussMySqlInstances",
      "listGaussMySqlInstancesUnifyStatus",
      "GET",
      "/v3.1/{project_id}/instances",
    ],
  ] as const)("%s %s is deprecated and names %s, a plan operation at %s %s", (api, old, replacement, method, path) => {
    expect(op(api, old).deprecated).toBe(true);
    expect(op(api, old).description).toContain(replacement);
    const meta = (apiMeta[api].operations as Record<string, any>)[replacement];
    expect(meta).toMatchObject({ method, path, group: "plan", deprecated: false });
    expect((apiMeta[api].operations as Record<string, any>)[old].deprecated).toBe(true);
  });
});

describe("openGauss instance lists: /v3 and /v3.3 have different datastores (F1)", () => {
  it("/v3 answers hotfix_versions (a string) and hotfix_finished_times (strings), documented fields only", () => {
    const body = {
      instances: [
        {
          id: "cc0ae5c47bf94834bf9e44138f7f995ain14",
          datastore: {
            type: "GaussDB",
            version: "3.208",
            complete_version: "3.208.0.5",
            hotfix_versions: "3.208.0.5",
            hotfix_finished_times: ["2024-11-17 01:52:03 +0800"],
          },
        },
      ],
      total_count: 1,
    };
    ok(strict.validateResponse("gaussdb", "listInstances", 200, body, h));
    const wrong = structuredClone(body) as any;
    wrong.instances[0].datastore.hotfix_versions = ["3.208.0.5"];
    expect(v.validateResponse("gaussdb", "listInstances", 200, wrong, h).valid).toBe(false);
  });

  it("/v3 does not document hotfix_version_infos; /v3.3 does, with prefixed versions", () => {
    const infos = [{ version: "V2.0-3.208.0.5", upgrade_finished_time: "2024-11-17 01:52:03 +0800" }];
    const instance = (datastore: object) => ({ instances: [{ id: "a", datastore }], total_count: 1 });
    const v33 = {
      type: "GaussDB",
      version: "V2.0-2.7",
      complete_version: "V2.0-2.7.2",
      target_version: "V2.0-3.208.0",
      complete_kernel_version: "V500R002C10SPC610",
      hotfix_version_infos: infos,
    };
    ok(strict.validateResponse("gaussdb", "listDatabaseInstances", 200, instance(v33), h));
    expect(strict.validateResponse("gaussdb", "listInstances", 200, instance(v33), h).valid).toBe(false);
    expect(op("gaussdb", "listDatabaseInstances").description).toMatch(/V2\.0-/);
  });
});

describe("candidate versions accept null where the sources document null (F4) and bound nothing (F10)", () => {
  const answer = {
    upgrade_candidate_versions: [],
    target_version: null,
    upgrade_type_list: [
      {
        upgrade_type: "hotfix",
        enable: false,
        is_parallel_upgrade: null,
        upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: false }],
      },
    ],
  };
  it.each(["showBatchUpgradeCandidateVersions", "batchShowUpgradeCandidateVersions"])(
    "%s: target_version and is_parallel_upgrade may be null",
    (id) => ok(v.validateResponse("gaussdb", id, 200, answer, h)),
  );
  it.each(["showBatchUpgradeCandidateVersions", "batchShowUpgradeCandidateVersions"])(
    "%s: instance_ids is optional and has no maximum",
    (id) => {
      ok(v.validateRequestBody("gaussdb", id, {}));
      const many = Array.from({ length: 101 }, (_, n) => `${n.toString(16).padStart(32, "0")}in14`);
      ok(v.validateRequestBody("gaussdb", id, { instance_ids: many }));
    },
  );
  it("TaurusDB cancelScheduleTask job_ids has no maximum", () => {
    const many = Array.from({ length: 101 }, (_, n) => `job-${n}`);
    ok(v.validateRequestBody("taurusdb", "cancelScheduleTask", { job_ids: many }));
  });
});

describe("DDS ListInstances (F5, F6) and ShowUpgradeDuration (F9)", () => {
  it("accepts the API Explorer example's datastores: no whole_version, no patch_available", () => {
    const body = {
      instances: [{ id: "d87f5b33049144ec95f0cab0a5f22cfbin02", datastore: { type: "DDS-Community", version: "3.4" } }],
      total_count: 1,
    };
    ok(v.validateResponse("dds", "listInstances", 200, body, h));
  });
  it("filters on DDS-Enhanced as well as DDS-Community", () => {
    for (const datastore_type of ["DDS-Community", "DDS-Enhanced"])
      ok(
        v.validateParameters("dds", "listInstances", {
          path: { project_id: "0".repeat(32) },
          query: { datastore_type },
        }),
      );
  });
  it("documents the answer for an unknown instance on ShowUpgradeDuration (404 DBS.200002)", () => {
    ok(
      v.validateResponse(
        "dds",
        "showUpgradeDuration",
        404,
        { error_code: "DBS.200002", error_msg: "DB instance does not exist." },
        h,
      ),
    );
  });
});

describe("a default error response where API Explorer documents one (F9)", () => {
  it.each([
    ["geminidb", "listInstances"],
    ["dds", "listInstances"],
    ["dds", "showUpgradeDuration"],
    ["gaussdb", "listInstances"],
    ["gaussdb", "showBatchUpgradeCandidateVersions"],
    ["gaussdb", "listDatabaseInstances"],
    ["gaussdb", "batchShowUpgradeCandidateVersions"],
  ] as const)("%s %s", (api, id) => {
    expect(op(api, id).responses.default).toBeDefined();
    ok(v.validateResponse(api, id, 418, { error_code: "DBS.280001", error_msg: "参数错误。" }, h));
  });
});

describe("TaurusDB list items and scheduled jobs (F7, F11, F12)", () => {
  it("list items do not document maintenance_window (it is ShowGaussMySqlInstanceInfo's)", () => {
    const body = { instances: [{ id: "a", name: "n", maintenance_window: "18:00-22:00" }], total_count: 1 };
    for (const id of ["listGaussMySqlInstances", "listGaussMySqlInstancesUnifyStatus"])
      expect(strict.validateResponse("taurusdb", id, 200, body, h).valid).toBe(false);
  });
  it("target_config is an open object: any sub-field type", () => {
    const body = {
      schedules: [{ job_id: "j", target_config: { cpu: 4, flavor: null, mem: { gb: 16 } } }],
      total_count: 1,
    };
    ok(v.validateResponse("taurusdb", "listScheduleJobs", 200, body, h));
  });
  it("action_names are task names usable as filters", () => {
    const schema = (apiDocuments.taurusdb as any).components.schemas.ListImmediateJobsResponse;
    expect(schema.properties.action_names.description).toMatch(/filter/i);
  });
  it("the /v3.1 list reports the unified statuses", () => {
    const status = (apiDocuments.taurusdb as any).components.schemas.MysqlInstanceListInfoUnifyStatus.properties.status;
    for (const s of ["creating", "normal", "abnormal", "createfail"]) expect(status.description).toContain(s);
  });
});

describe("claims no source supports are gone (F8, F13, F14)", () => {
  it("GeminiDB ListJobs claims neither a visibility delay nor a 400 for a bad limit", () => {
    const listJobs = op("geminidb", "listJobs");
    expect(listJobs.description).not.toMatch(/missing \(`total_count: 0`\) for a few/);
    expect(listJobs.description).not.toMatch(/bad `limit` is a 400/);
    const examples = Object.keys(listJobs.responses["200"].content["application/json"].examples);
    expect(examples).not.toContain("NotVisibleYet");
  });
  it("openGauss ListScheduleTask states the one-month window", () => {
    expect(op("gaussdb", "listScheduleTask")["x-dbupgrade-constraints"].join(" ")).toMatch(/month/);
  });
  it("openGauss ListScheduleTask does not state the localized task_name as a fact", () => {
    expect(op("gaussdb", "listScheduleTask").description).toMatch(
      /localized[^.]*unverified|unverified[^.]*locali[sz]ed/i,
    );
  });
});

describe("a source for every plan/follow fact", () => {
  const planFollow = apiNames.flatMap((api) =>
    Object.values(apiMeta[api].operations as Record<string, { operationId: string; group: string }>)
      .filter((o) => o.group !== "upgrade")
      .map((o) => [api, o.operationId] as const),
  );
  it("covers the 14 reviewed operations and the 3 replacements", () => expect(planFollow.length).toBe(17));
  it.each(planFollow)("%s %s names its official source and when it was read", (api, id) => {
    const sources = op(api, id)["x-dbupgrade-source"] as { url: string; read: string }[] | undefined;
    expect(Array.isArray(sources) && sources.length > 0, `${api} ${id} has no x-dbupgrade-source`).toBe(true);
    for (const s of sources!) {
      expect(s.url).toMatch(/^https:\/\/(github\.com\/huaweicloud\/|support\.huaweicloud\.com\/)/);
      expect(s.read).toMatch(/^(\d{4}-\d{2}-\d{2}|SDK \d+\.\d+\.\d+)/);
    }
  });
});
