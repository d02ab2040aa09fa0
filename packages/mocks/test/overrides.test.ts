import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createMockApi, type MockApi } from "../src/mock-api.js";
import type { DocumentedResponse, DocumentedStatus } from "../src/operation-types.js";
import { responseExamples } from "../src/spec-examples.js";
import { firstRequestExample, jsonRequest, mustSend, onlyOperation, send } from "./support.js";

const gemini = onlyOperation("geminidb");
const taurus = onlyOperation("taurusdb");
const gauss = onlyOperation("gaussdb");

describe("typed overrides", () => {
  it("take only documented statuses and the body each one declares", () => {
    expectTypeOf<DocumentedStatus<"geminidb", "batchUpgradeDatabaseVersion">>().toEqualTypeOf<
      202 | 400 | 401 | 403 | 404 | 500
    >();
    expectTypeOf<DocumentedStatus<"taurusdb", "batchUpgradeDatabases">>().toEqualTypeOf<200 | 400 | 401 | 403 | 500>();
    expectTypeOf<
      Extract<DocumentedResponse<"taurusdb", "batchUpgradeDatabases">, { status: 200 }>["body"]
    >().toEqualTypeOf<{ resp: string } & { [key: string]: unknown }>();

    const mock = createMockApi();
    mock.override("taurusdb", "batchUpgradeDatabases", { status: 200, body: { resp: "success" } });
    mock.override("gaussdb", "createScheduleTask", {
      status: 418,
      body: { error_code: "DBS.1", error_msg: "the default response takes any status" },
    });
    expect(() =>
      // @ts-expect-error 201 is not documented for GeminiDB
      mock.override("geminidb", "batchUpgradeDatabaseVersion", { status: 201, body: { upgrade_results: [] } }),
    ).toThrow(/does not document/);
    expect(() =>
      // @ts-expect-error a 400 body is {error_code, error_msg}
      mock.override("dds", "batchUpgradeDatabaseVersion", { status: 400, body: { resp: "success" } }),
    ).toThrow(/body\.error_code is required/);
    expect(() =>
      // @ts-expect-error a 401 body needs request_id
      mock.override("dds", "batchUpgradeDatabaseVersion", {
        status: 401,
        body: { error_code: "APIGW.0301", error_msg: "x" },
      }),
    ).toThrow(/request_id/);
    expect(() =>
      // @ts-expect-error taurusdb has no such operation
      mock.override("taurusdb", "batchUpgradeDatabaseVersion", { status: 200, body: { resp: "x" } }),
    ).toThrow(/unknown operation/);
  });

  it("answer the next valid requests only, `times` of them, then the simulation takes over", async () => {
    const mock = createMockApi();
    const override = mock.override(
      "taurusdb",
      "batchUpgradeDatabases",
      { status: 500, body: { error_code: "DBS.280001", error_msg: "busy" } },
      { times: 2 },
    );
    const handlers = [override, ...mock.handlers];
    const invalid = await mustSend(handlers, jsonRequest(taurus, {}));
    expect(invalid.status).toBe(400);
    const unauthenticated = await mustSend(
      handlers,
      jsonRequest(taurus, firstRequestExample(taurus), { headers: { "X-Auth-Token": "wrong" } }),
    );
    expect(unauthenticated.status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const answer = await mustSend(handlers, jsonRequest(taurus, firstRequestExample(taurus)));
      expect([answer.status, answer.body]).toEqual([500, { error_code: "DBS.280001", error_msg: "busy" }]);
      expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect((await mustSend(handlers, jsonRequest(taurus, firstRequestExample(taurus)))).body).toEqual({
      resp: "success",
    });
  });
});

describe("example(name)", () => {
  it("answers each named response example of each operation exactly", async () => {
    for (const op of [gemini, taurus, gauss, onlyOperation("dds")]) {
      for (const example of responseExamples(op.api, op.operationId)) {
        const mock = createMockApi();
        const answer = await mustSend(
          [mock.example(op.api, op.operationId as never, example.name), ...mock.handlers],
          jsonRequest(op, firstRequestExample(op)),
        );
        expect([answer.status, answer.body]).toEqual([example.status, example.value]);
      }
    }
  });

  it("names the available examples when one is missing", () => {
    expect(() => createMockApi().example("geminidb", "batchUpgradeDatabaseVersion", "Nope")).toThrow(
      /available: PartiallyAccepted, ParameterError, SignatureMismatch, NotAuthorized, StatusNotAllowed, InstanceUnavailable, OperationInProgress, InstanceNotFound, InternalError/,
    );
  });
});

describe("presets", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("partialFailure refuses the last instance: per instance for GeminiDB, the whole batch for TaurusDB and openGauss", async () => {
    const mock = createMockApi();
    const handlers = [...mock.partialFailure(), ...mock.handlers];
    const ids = mock.fleet
      .instances("geminidb", { engine: "Influx", status: "available" })
      .slice(0, 3)
      .map((i) => i.id);
    const { body } = await mustSend(handlers, jsonRequest(gemini, { instance_ids: ids }));
    expect(body.upgrade_results.map((r: { job_id?: string; error_code?: string }) => r.error_code ?? "job")).toEqual([
      "job",
      "job",
      "DBS.200011",
    ]);
    expect(mock.fleet.get("geminidb", ids[2]!)?.status).toBe("available");

    const taurusInstance = mock.fleet.instances("taurusdb", { status: "available" })[0]!;
    const refused = await mustSend(
      handlers,
      jsonRequest(taurus, {
        databases_instance_infos: [{ instance_id: taurusInstance.id, current_version: taurusInstance.version }],
        delay: false,
      }),
    );
    expect([refused.status, refused.body.error_code]).toEqual([400, "DBS.200011"]);

    const gaussIds = mock.fleet
      .instances("gaussdb", { status: "available" })
      .slice(0, 2)
      .map((i) => i.id);
    const gaussBody = { ...(firstRequestExample(gauss) as object), instance_ids: gaussIds };
    expect((await mustSend(handlers, jsonRequest(gauss, gaussBody))).status).toBe(400);
    expect(mock.fleet.jobs("gaussdb").filter((j) => gaussIds.includes(j.instanceId))).toEqual([]);
  });

  it("serverError answers the spec's 500 example, only for the APIs in scope", async () => {
    const mock = createMockApi();
    const handlers = [...mock.serverError({ api: ["taurusdb", "gaussdb"] }), ...mock.handlers];
    const internal = responseExamples("taurusdb", "batchUpgradeDatabases").find((e) => e.status === 500)!.value;
    expect((await mustSend(handlers, jsonRequest(taurus, firstRequestExample(taurus)))).body).toEqual(internal);
    expect((await mustSend(handlers, jsonRequest(gauss, firstRequestExample(gauss)))).status).toBe(500);
    expect((await mustSend(handlers, jsonRequest(gemini, firstRequestExample(gemini)))).status).toBe(202);
  });

  it("networkError gives no response: fetch rejects", async () => {
    const mock = createMockApi();
    const response = await send(
      [...mock.networkError({ api: "dds", times: 1 }), ...mock.handlers],
      jsonRequest(onlyOperation("dds"), firstRequestExample(onlyOperation("dds"))),
    );
    expect(response?.response.type).toBe("error");
  });

  it("latency(ms) holds the normal answer for ms", async () => {
    vi.useFakeTimers();
    // No authentication: the token check hashes with WebCrypto, whose real (not fake-timed) completion
    // would move the point at which the preset's delay starts.
    const mock: MockApi = createMockApi({ latencyMs: 100, auth: false });
    let settled = false;
    const pending = mustSend(
      [...mock.latency(1000, { api: "gaussdb" }), ...mock.handlers],
      jsonRequest(gauss, firstRequestExample(gauss)),
    ).then((a) => {
      settled = true;
      return a;
    });
    await vi.advanceTimersByTimeAsync(1099);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it("reject bad arguments", () => {
    const mock = createMockApi();
    expect(() => mock.latency(-1)).toThrow(RangeError);
    expect(() => mock.serverError({ times: 0 })).toThrow(/times/);
  });
});
