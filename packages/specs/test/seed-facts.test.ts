// Each fact the seed pages (and the SDK facts) state about the four operations, pinned so that a
// spec losing it fails a named test. Seed requests and responses are copied verbatim from the pages.
import { describe, expect, it } from "vitest";
import { apiDocuments, apiMeta, apiNames, type ApiName } from "../src/index.js";
import { createSpecValidator, describeIssues } from "../src/validation.js";

const v = createSpecValidator();
// The mock and fixtures are held to the documented fields only; real servers may send more.
const strict = createSpecValidator({ documentedFieldsOnly: true });
const doc = (api: ApiName) => apiDocuments[api] as any;
const ids = (n: number, suffix: string) =>
  Array.from({ length: n }, (_, i) => `${i.toString(16).padStart(32, "0")}${suffix}`);

const expectValid = (r: ReturnType<typeof v.validateRequestBody>) =>
  expect(r.valid, describeIssues(r.issues)).toBe(true);
const expectInvalidAt = (r: ReturnType<typeof v.validateRequestBody>, location: string) => {
  expect(r.valid).toBe(false);
  expect(r.issues.map((i) => i.location)).toContain(location);
};

const seeds = {
  geminidb: {
    request: { instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13", "3d1e04f49efa473a8c7eaf07ed7ff870in13"] },
    response: {
      upgrade_results: [
        { instance_id: "046287aae57843b1a7bc61b7a8812f41in13", job_id: "e4616470-733d-41de-a9b0-a260709293d3" },
        {
          instance_id: "3d1e04f49efa473a8c7eaf07ed7ff870in13",
          error_code: "DBS.200011",
          error_message: "The status of DB instance does not allow the operation.",
        },
      ],
    },
  },
  dds: {
    request: { instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02", "3d1e04f49efa473a8c7eaf07ed7ff870in02"] },
    response: {
      upgrade_results: [
        { instance_id: "046287aae57843b1a7bc61b7a8812f41in02", job_id: "e4616470-733d-41de-a9b0-a260709293d3" },
        {
          instance_id: "3d1e04f49efa473a8c7eaf07ed7ff870in02",
          error_code: "DBS.200011",
          error_message: "The status of DB instance does not allow the operation.",
        },
      ],
    },
  },
  taurusdb: {
    request: {
      databases_instance_infos: [
        { current_version: "2.0.48.231200", instance_id: "6754902da1f447269c6979b0590102a5in07" },
      ],
      delay: false,
    },
    response: { resp: "success" },
  },
  gaussdb: {
    request: {
      instance_ids: ["cc0ae5c47bf94834bf9e44138f7f995ain14", "aa0ae5c47bf94834bf9e44138f7f995ain14"],
      start_time: "2023-06-06T01:47:20+0800",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
      target_version: "3.208.0.6,3.208.0.7",
    },
    response: {
      instance_tasks: [
        {
          task_id: "07c5880a-cbf0-44ad-91c1-5803a10f11a1",
          task_name: "HOTFIX_VERSION_UPGRADE",
          instance_id: "cc0ae5c47bf94834bf9e44138f7f995ain14",
        },
        {
          task_id: "07c5880a-cbf0-44ad-91c1-5803a10f11a1",
          task_name: "HOTFIX_VERSION_UPGRADE",
          instance_id: "aa0ae5c47bf94834bf9e44138f7f995ain14",
        },
      ],
    },
  },
} as const;

const operations = {
  geminidb: {
    operationId: "batchUpgradeDatabaseVersion",
    path: "/v3/{project_id}/instances/db-upgrade",
    success: 202,
    errors: [400, 401, 403, 404, 500],
  },
  taurusdb: {
    operationId: "batchUpgradeDatabases",
    path: "/v3/{project_id}/instances/database-version/upgrade",
    success: 200,
    errors: [400, 401, 403, 500],
  },
  dds: {
    operationId: "batchUpgradeDatabaseVersion",
    path: "/v3/{project_id}/instances/db-upgrade",
    success: 202,
    errors: [400, 401, 403, 404, 500],
  },
  gaussdb: {
    operationId: "createScheduleTask",
    path: "/v3/{project_id}/instances/db-upgrade/schedule-task",
    success: 200,
    errors: [400, 401, 403, 500],
  },
} as const;

describe.each(apiNames)("%s: operation facts", (api) => {
  const expected = operations[api];
  const op = () => doc(api).paths[expected.path]?.post;

  it("is OpenAPI 3.1 with a POST at the seed path and the SDK's operationId", () => {
    expect(doc(api).openapi).toBe("3.1.0");
    // The one upgrade operation; the follow and plan operations (issue 11) carry x-dbupgrade-group.
    const upgradePaths = Object.keys(doc(api).paths).filter((p) =>
      Object.values<any>(doc(api).paths[p]).some((o) => o?.operationId && o["x-dbupgrade-group"] === undefined),
    );
    expect(upgradePaths).toEqual([expected.path]);
    expect(
      apiMeta[api].operations[expected.operationId as keyof (typeof apiMeta)[typeof api]["operations"]],
    ).toMatchObject({ group: "upgrade" });
    expect(op()?.operationId).toBe(expected.operationId);
  });

  it(`answers ${expected.success} on success and documents ${expected.errors.join(", ")}`, () => {
    const meta = apiMeta[api].operations[
      expected.operationId as keyof (typeof apiMeta)[typeof api]["operations"]
    ] as any;
    expect(meta.successStatus).toBe(expected.success);
    expect(meta.statuses).toEqual([expected.success, ...expected.errors]);
  });

  it("takes project_id in the path (32 letters and digits)", () => {
    const p = v.validateParameters(api, expected.operationId, {
      path: { project_id: "619d3e78f61b4be68bc5aa0b59edcf7b" },
    });
    expect(p.valid).toBe(true);
    expect(v.validateParameters(api, expected.operationId, { path: {} }).issues).toEqual([
      { location: "path.project_id", message: "is required" },
    ]);
    expect(v.validateParameters(api, expected.operationId, { path: { project_id: "not/a/project" } }).valid).toBe(
      false,
    );
  });

  it("authenticates with X-Auth-Token, or AK/SK SDK-HMAC-SHA256 as an alternative", () => {
    const d = doc(api);
    expect(d.security).toEqual([{ token: [] }, { aksk: [] }]);
    expect(d.components.securitySchemes.token).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
    expect(d.components.securitySchemes.aksk).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(d.components.securitySchemes.aksk.description).toMatch(/SDK-HMAC-SHA256/);
    expect(d.components.securitySchemes.aksk.description).toMatch(/X-Sdk-Date/);
    expect(d.components.securitySchemes.aksk.description).toMatch(/15 minutes/);
  });

  it("accepts the seed page's request example and its response example verbatim", () => {
    expectValid(v.validateRequestBody(api, expected.operationId, seeds[api].request));
    expectValid(
      v.validateResponse(api, expected.operationId, expected.success, seeds[api].response, { "X-Request-Id": "r" }),
    );
    const examples = Object.values<any>(Object.values<any>(op().requestBody.content)[0].examples).map((e) => e.value);
    expect(examples).toContainEqual(seeds[api].request);
    const success = Object.values<any>(
      Object.values<any>(op().responses[String(expected.success)].content)[0].examples,
    );
    expect(success.map((e) => e.value)).toContainEqual(seeds[api].response);
  });

  it("rejects a body missing each required field", () => {
    const required = doc(api).components.schemas[
      Object.keys(doc(api).components.schemas).find((k) => k.endsWith("RequestBody"))!
    ].required as string[];
    expect(required.length).toBeGreaterThan(0);
    for (const field of required) {
      const body: Record<string, unknown> = { ...seeds[api].request };
      delete body[field];
      expectInvalidAt(v.validateRequestBody(api, expected.operationId, body), `body.${field}`);
    }
  });

  it("rejects a misspelled field", () => {
    const body = { ...seeds[api].request, instance_idz: ["x"] };
    expectInvalidAt(v.validateRequestBody(api, expected.operationId, body), "body.instance_idz");
  });

  it("puts X-Request-Id on every documented response", () => {
    for (const [status, raw] of Object.entries<any>(op().responses)) {
      const response = raw.$ref ? doc(api).components.responses[raw.$ref.split("/").pop()] : raw;
      expect(response.headers?.["X-Request-Id"], `${api} ${status}`).toBeDefined();
    }
  });

  it("returns gateway errors with request_id for 401, gateway or service errors for 403, service errors for 400 and 500", () => {
    const gateway = {
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information",
      request_id: "abc",
    };
    const service = { error_code: "DBS.200001", error_msg: "Parameter error" };
    expectValid(v.validateResponse(api, expected.operationId, 401, gateway, { "X-Request-Id": "abc" }));
    expect(v.validateResponse(api, expected.operationId, 401, service, { "X-Request-Id": "abc" }).valid).toBe(false);
    expectValid(
      v.validateResponse(
        api,
        expected.operationId,
        403,
        { ...gateway, error_code: "APIGW.0302" },
        { "X-Request-Id": "abc" },
      ),
    );
    for (const code of ["DBS.200011", "DBS.200018", "DBS.200019"]) {
      expectValid(
        v.validateResponse(
          api,
          expected.operationId,
          403,
          { error_code: code, error_msg: "m" },
          { "X-Request-Id": "abc" },
        ),
      );
    }
    expect(
      v.validateResponse(api, expected.operationId, 403, { error_msg: "m" }, { "X-Request-Id": "abc" }).valid,
    ).toBe(false);
    const forbidden = Object.values<any>(doc(api).components.responses.Forbidden.content)[0].examples;
    expect(Object.values<any>(forbidden).map((e) => e.value.error_code)).toEqual([
      "APIGW.0302",
      "DBS.200011",
      "DBS.200018",
      "DBS.200019",
    ]);
    for (const status of [400, 500]) {
      expectValid(v.validateResponse(api, expected.operationId, status, service, { "X-Request-Id": "abc" }));
      expect(
        v.validateResponse(api, expected.operationId, status, { error_code: "DBS.200001" }, { "X-Request-Id": "a" })
          .valid,
      ).toBe(false);
    }
    expect(
      Object.values<any>(doc(api).components.responses.BadRequest?.content ?? op().responses["400"].content)[0]
        .examples,
    ).toHaveProperty("ParameterError.value.error_code", "DBS.200001");
  });
});

describe("instance_ids limits", () => {
  it.each(["geminidb", "dds"] as const)("%s: 10 ids pass, 11 fail, 0 fail", (api) => {
    const suffix = api === "geminidb" ? "in13" : "in02";
    expectValid(v.validateRequestBody(api, "batchUpgradeDatabaseVersion", { instance_ids: ids(10, suffix) }));
    expectInvalidAt(
      v.validateRequestBody(api, "batchUpgradeDatabaseVersion", { instance_ids: ids(11, suffix) }),
      "body.instance_ids",
    );
    expectInvalidAt(
      v.validateRequestBody(api, "batchUpgradeDatabaseVersion", { instance_ids: [] }),
      "body.instance_ids",
    );
    expect(apiMeta[api].operations.batchUpgradeDatabaseVersion.batch).toEqual({
      property: "instance_ids",
      minItems: 1,
      maxItems: 10,
    });
  });

  it("TaurusDB and openGauss document no maximum, so none is invented", () => {
    expect(apiMeta.taurusdb.operations.batchUpgradeDatabases.batch.maxItems).toBeNull();
    expect(apiMeta.gaussdb.operations.createScheduleTask.batch.maxItems).toBeNull();
    expectValid(
      v.validateRequestBody("gaussdb", "createScheduleTask", {
        ...seeds.gaussdb.request,
        instance_ids: ids(11, "in14"),
      }),
    );
  });

  it("rejects non-string, empty and oversized ids", () => {
    for (const bad of [[1], [""], ["x".repeat(65)], [null]]) {
      expectInvalidAt(
        v.validateRequestBody("dds", "batchUpgradeDatabaseVersion", { instance_ids: bad }),
        "body.instance_ids[0]",
      );
    }
  });
});

describe("descriptions carry the seeds' constraints", () => {
  const description = (api: ApiName) => JSON.stringify(doc(api).paths);

  it("GeminiDB: Cassandra, Influx and Redis only, same engine per call, immediate so off-peak", () => {
    expect(description("geminidb")).toMatch(/GeminiDB Cassandra, GeminiDB Influx and GeminiDB Redis/);
    expect(description("geminidb")).toMatch(/same engine/);
    expect(JSON.stringify(doc("geminidb").components.schemas.BatchUpgradeDatabaseVersionRequestBody)).toMatch(
      /same engine/,
    );
    expect(description("geminidb")).toMatch(/triggered immediately/);
    expect(description("geminidb")).toMatch(/off-peak/);
  });

  it("DDS: immediate so off-peak, and only Fastest completion", () => {
    expect(description("dds")).toMatch(/triggered immediately/);
    expect(description("dds")).toMatch(/off-peak/);
    expect(description("dds")).toMatch(/Fastest completion/);
  });

  it("openGauss: hot patches with auto-commit only, no downtime", () => {
    expect(description("gaussdb")).toMatch(/hot patches/);
    expect(description("gaussdb")).toMatch(/auto-commit/);
    expect(description("gaussdb")).toMatch(/no downtime/);
  });

  it("TaurusDB: current_version comes from the kernel-version query; no job id", () => {
    expect(description("taurusdb")).toMatch(/current_version/);
    expect(description("taurusdb")).toMatch(/no job ID/);
  });

  it("IAM actions are stated", () => {
    expect(description("geminidb")).toMatch(/gaussdbfornosql:instance:batchUpgradeDatabaseVersion/);
    expect(description("dds")).toMatch(/dds:instance:batchUpgradeDatabaseVersion/);
    expect(description("taurusdb")).toMatch(/gaussdbformysql:instance:upgrade/);
  });

  it("every operation lists its key constraints for the portal", () => {
    for (const api of apiNames) {
      for (const op of Object.values<any>(apiMeta[api].operations)) expect(op.constraints.length).toBeGreaterThan(0);
    }
  });
});

describe("TaurusDB", () => {
  const body = (delay: unknown) => ({ ...seeds.taurusdb.request, delay });

  it("accepts delay as a boolean and as the string forms the table and the Go SDK use", () => {
    for (const delay of [true, false, "true", "false"])
      expectValid(v.validateRequestBody("taurusdb", "batchUpgradeDatabases", body(delay)));
  });

  it("rejects other delay values", () => {
    for (const delay of ["yes", "TRUE", 0, 1, null, []]) {
      expectInvalidAt(v.validateRequestBody("taurusdb", "batchUpgradeDatabases", body(delay)), "body.delay");
    }
  });

  it("documents why both delay forms are accepted", () => {
    expect(doc("taurusdb").components.schemas.BatchUpgradeDatabasesRequestBody.properties.delay.description).toMatch(
      /string -> boolean/,
    );
  });

  it("requires current_version and instance_id in each entry", () => {
    const entry = { current_version: "2.0.48.231200", instance_id: "6754902da1f447269c6979b0590102a5in07" };
    for (const field of ["current_version", "instance_id"] as const) {
      const e: Record<string, string> = { ...entry };
      delete e[field];
      expectInvalidAt(
        v.validateRequestBody("taurusdb", "batchUpgradeDatabases", { databases_instance_infos: [e], delay: false }),
        `body.databases_instance_infos[0].${field}`,
      );
    }
  });

  it("takes X-Language en-us | zh-cn, default en-us, sent as application/json;charset=UTF-8", () => {
    const op = apiMeta.taurusdb.operations.batchUpgradeDatabases;
    expect(op.language).toEqual({ name: "X-Language", values: ["en-us", "zh-cn"], default: "en-us" });
    expect(op.requestContentType).toBe("application/json;charset=UTF-8");
    expect(
      v.validateParameters("taurusdb", "batchUpgradeDatabases", {
        path: { project_id: "619d3e78f61b4be68bc5aa0b59edcf7b" },
        header: { "X-Language": "fr" },
      }).valid,
    ).toBe(false);
  });

  it("answers 400 with the API Explorer's DBS.200022 example", () => {
    const examples =
      doc("taurusdb").paths["/v3/{project_id}/instances/database-version/upgrade"].post.responses["400"].content[
        "application/json"
      ].examples;
    expect(examples.InstanceNotFound.value.error_code).toBe("DBS.200022");
  });
});

describe("openGauss", () => {
  const body = (patch: Record<string, unknown>) => ({ ...seeds.gaussdb.request, ...patch });

  it("accepts only upgrade_type hotfix and upgrade_action upgradeAutoCommit", () => {
    expectInvalidAt(
      v.validateRequestBody("gaussdb", "createScheduleTask", body({ upgrade_type: "Hotfix" })),
      "body.upgrade_type",
    );
    expectInvalidAt(
      v.validateRequestBody("gaussdb", "createScheduleTask", body({ upgrade_type: "rolling" })),
      "body.upgrade_type",
    );
    expectInvalidAt(
      v.validateRequestBody("gaussdb", "createScheduleTask", body({ upgrade_action: "upgradeManualCommit" })),
      "body.upgrade_action",
    );
  });

  it("takes start_time as a string: the page's yyyy-MM-ddTHH:mm:ss±hhmm form and, unverified, others", () => {
    for (const ok of [
      "2023-06-06T01:47:20+0800",
      "2026-12-31T23:59:59-0130",
      "2026-01-01T00:00:00+0000",
      "1731738579000",
    ]) {
      expectValid(v.validateRequestBody("gaussdb", "createScheduleTask", body({ start_time: ok })));
    }
    for (const bad of ["", "x".repeat(65), 1731738579000, null]) {
      expectInvalidAt(
        v.validateRequestBody("gaussdb", "createScheduleTask", body({ start_time: bad })),
        "body.start_time",
      );
    }
  });

  it("requires target_version and takes X-Language", () => {
    expect(apiMeta.gaussdb.operations.createScheduleTask.requiredBodyFields).toEqual([
      "instance_ids",
      "start_time",
      "upgrade_type",
      "upgrade_action",
      "target_version",
    ]);
    expect(apiMeta.gaussdb.operations.createScheduleTask.language?.values).toEqual(["en-us", "zh-cn"]);
  });

  it("documents a default error response beside 200", () => {
    expect(apiMeta.gaussdb.operations.createScheduleTask.hasDefaultResponse).toBe(true);
    expectValid(
      v.validateResponse(
        "gaussdb",
        "createScheduleTask",
        409,
        { error_code: "DBS.00114000", error_msg: "x" },
        { "X-Request-Id": "r" },
      ),
    );
  });
});

describe("GeminiDB and DDS results: job_id or error, never both", () => {
  it.each(["geminidb", "dds"] as const)("%s UpgradeResult forms", (api) => {
    const check = (result: Record<string, string>) =>
      v.validateResponse(
        api,
        "batchUpgradeDatabaseVersion",
        202,
        { upgrade_results: [result] },
        { "X-Request-Id": "r" },
      ).valid;
    expect(check({ instance_id: "a", job_id: "j" })).toBe(true);
    expect(check({ instance_id: "a", error_code: "DBS.200011", error_message: "m" })).toBe(true);
    expect(check({ job_id: "j" })).toBe(false);
    expect(check({ instance_id: "a" })).toBe(false);
    expect(check({ instance_id: "a", job_id: "j", error_code: "DBS.200011", error_message: "m" })).toBe(false);
    expect(check({ instance_id: "a", error_code: "DBS.200011", error_msg: "m" })).toBe(false);
  });

  it("GeminiDB and DDS take no X-Language header", () => {
    expect(apiMeta.geminidb.operations.batchUpgradeDatabaseVersion.language).toBeNull();
    expect(apiMeta.dds.operations.batchUpgradeDatabaseVersion.language).toBeNull();
  });
});

describe("404 DBS.200002 where the error-code tables list it (DDS, GeminiDB)", () => {
  it.each(["geminidb", "dds"] as const)("%s documents 404 with the DBS.200002 example", (api) => {
    const notFound = { error_code: "DBS.200002", error_msg: "DB instance does not exist." };
    expectValid(v.validateResponse(api, "batchUpgradeDatabaseVersion", 404, notFound, { "X-Request-Id": "r" }));
    const examples = Object.values<any>(doc(api).components.responses.NotFound.content)[0].examples;
    expect(examples.InstanceNotFound.value).toEqual(notFound);
    expect(doc(api).components.responses.NotFound.description).toMatch(/not documented/);
  });

  it("TaurusDB and openGauss, whose tables were not found, do not claim it", () => {
    expect(apiMeta.taurusdb.operations.batchUpgradeDatabases.statuses).not.toContain(404);
    expect(apiMeta.gaussdb.operations.createScheduleTask.statuses).not.toContain(404);
  });
});

describe("IAM: actions, aliases and dependencies as seed 001's table has them", () => {
  it("TaurusDB: gaussdb:instance:modify and gaussdb:instance:upgrade are aliases, and there is no dependency", () => {
    const op = doc("taurusdb").paths["/v3/{project_id}/instances/database-version/upgrade"].post;
    expect(op["x-dbupgrade-iam-action"]).toBe("gaussdbformysql:instance:upgrade");
    expect(op["x-dbupgrade-iam-aliases"]).toEqual(["gaussdb:instance:modify", "gaussdb:instance:upgrade"]);
    expect(op.description).toMatch(
      /aliases\s+`gaussdb:instance:modify` and `gaussdb:instance:upgrade`; no dependencies/,
    );
    expect(op.description).not.toMatch(/dependencies\s+`/);
  });

  it("GeminiDB: nosql:instance:batchUpgradeDatabaseVersion is the alias", () => {
    const op = doc("geminidb").paths["/v3/{project_id}/instances/db-upgrade"].post;
    expect(op["x-dbupgrade-iam-aliases"]).toEqual(["nosql:instance:batchUpgradeDatabaseVersion"]);
  });
});

describe("GeminiDB instance ids carry the engine's suffix", () => {
  it("names in06 Cassandra, in12 Redis and in13 Influx, in the schema and the operation text", () => {
    const schema = doc("geminidb").components.schemas.InstanceId;
    expect(schema["x-dbupgrade-engine-suffixes"]).toEqual({ Cassandra: "in06", Redis: "in12", Influx: "in13" });
    for (const text of [
      schema.description,
      doc("geminidb").paths["/v3/{project_id}/instances/db-upgrade"].post.description,
    ]) {
      expect(text).toMatch(/`in06`\s+(for\s+)?Cassandra/);
      expect(text).toMatch(/`in12`\s+(for\s+)?Redis/);
      expect(text).toMatch(/`in13`\s+(for\s+)?Influx/);
    }
    expect(schema.description).not.toMatch(/followed by `in13`\./);
  });
});

describe("response schemas accept what real servers may add; the mock's output is held to the documented fields", () => {
  const extra = { unexpected_field: "x" };

  it("error bodies (service and gateway) tolerate extra fields, and the strict validator refuses them", () => {
    for (const api of apiNames) {
      const { operationId } = operations[api];
      const service = { error_code: "DBS.200001", error_msg: "Parameter error", ...extra };
      const gateway = { error_code: "APIGW.0301", error_msg: "m", request_id: "r", ...extra };
      expectValid(v.validateResponse(api, operationId, 400, service));
      expectValid(v.validateResponse(api, operationId, 500, service));
      expectValid(v.validateResponse(api, operationId, 401, gateway));
      expect(strict.validateResponse(api, operationId, 400, service).issues).toEqual([
        { location: "body.unexpected_field", message: "is not a documented field" },
      ]);
      expect(strict.validateResponse(api, operationId, 401, gateway).valid).toBe(false);
      expectValid(
        strict.validateResponse(api, operationId, 400, { error_code: "DBS.200001", error_msg: "Parameter error" }),
      );
    }
  });

  it("success bodies and per-instance results tolerate extra fields, and the strict validator refuses them", () => {
    const bodies = {
      geminidb: {
        upgrade_results: [
          { instance_id: "a", job_id: "j", ...extra },
          { instance_id: "b", error_code: "c", error_message: "m", ...extra },
        ],
        ...extra,
      },
      dds: { upgrade_results: [{ instance_id: "a", job_id: "j", ...extra }], ...extra },
      taurusdb: { resp: "success", ...extra },
      gaussdb: { instance_tasks: [{ task_id: "t", task_name: "n", instance_id: "a", ...extra }], ...extra },
    } as const;
    for (const api of apiNames) {
      const { operationId, success } = operations[api];
      expectValid(v.validateResponse(api, operationId, success, bodies[api]));
      expect(strict.validateResponse(api, operationId, success, bodies[api]).valid).toBe(false);
      expectValid(strict.validateResponse(api, operationId, success, seeds[api].response));
    }
  });

  it("request bodies stay closed: a misspelled field is still refused", () => {
    for (const api of apiNames) {
      const body = { ...seeds[api].request, unexpected_field: "x" };
      expectInvalidAt(v.validateRequestBody(api, operations[api].operationId, body), "body.unexpected_field");
    }
  });
});

describe("claims no source supports are qualified, not stated", () => {
  const text = (api: ApiName) => JSON.stringify(doc(api));

  it("TaurusDB: no 'all-or-nothing'; the body has no per-instance result and the whole-request failure is undocumented", () => {
    expect(text("taurusdb")).not.toMatch(/all-or-nothing|succeeds or fails/i);
    const op = doc("taurusdb").paths["/v3/{project_id}/instances/database-version/upgrade"].post;
    expect(op.description).toMatch(/no per-instance result/);
    expect(op.description).toMatch(/whole request[^.]*is not\s+documented/);
  });

  it("TaurusDB: delay: true means the maintenance window only on the single-instance upgrade API's word", () => {
    const delay = doc("taurusdb").components.schemas.BatchUpgradeDatabasesRequestBody.properties.delay.description;
    expect(delay).toMatch(/UpgradeGaussMySqlInstanceDatabase/);
    expect(delay).toMatch(/maintenance window/);
    expect(delay).toMatch(/does not say/);
  });

  it("GeminiDB and DDS: 'never mix' is stated as this spec's reading of 'returned only when'", () => {
    for (const api of ["geminidb", "dds"] as const) {
      expect(text(api)).not.toMatch(/never mix/);
      expect(doc(api).components.schemas.UpgradeResult.description).toMatch(
        /returned only when.*this spec reads that as two\s+exclusive forms/s,
      );
    }
  });

  it("openGauss: 400, 401, 403 and 500 are marked as not documented for this operation", () => {
    const responses = doc("gaussdb").paths["/v3/{project_id}/instances/db-upgrade/schedule-task"].post.responses;
    for (const status of ["400", "401", "403", "500"])
      expect(responses[status].description, status).toMatch(/Not documented for this operation/);
  });

  it("openGauss: start_time forms other than ±hhmm are unverified, not invalid; the documented form is recorded", () => {
    const schema = doc("gaussdb").components.schemas.CreateScheduleTaskRequestBody.properties.start_time;
    expect(schema.description).toMatch(/unverified, not known to be invalid/);
    expect(new RegExp(schema["x-dbupgrade-documented-form"]).test("2023-06-06T01:47:20+0800")).toBe(true);
    for (const other of ["1731738579000", "2023-06-06T01:47:20+08:00", "2023-06-06T01:47:20Z"]) {
      expectValid(
        v.validateRequestBody("gaussdb", "createScheduleTask", { ...seeds.gaussdb.request, start_time: other }),
      );
    }
  });
});
