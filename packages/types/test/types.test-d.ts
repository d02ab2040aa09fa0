// Type-level tests: the generated types accept the seed bodies and reject missing or misspelled
// fields, also through openapi-fetch (which is how the client consumes them).
import createClient from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { dds, gaussdb, geminidb, taurusdb } from "@dbupgrade/types";
import type { components as GeminiComponents, paths as GeminiPaths } from "@dbupgrade/types/geminidb";
import type { paths as TaurusPaths } from "@dbupgrade/types/taurusdb";
import type { paths as GaussPaths } from "@dbupgrade/types/gaussdb";

type GeminiBody = GeminiComponents["schemas"]["BatchUpgradeDatabaseVersionRequestBody"];
type TaurusBody = taurusdb.components["schemas"]["BatchUpgradeDatabasesRequestBody"];
type GaussBody = gaussdb.components["schemas"]["CreateScheduleTaskRequestBody"];
type DdsResult = dds.components["schemas"]["UpgradeResult"];

describe("request bodies", () => {
  it("GeminiDB requires instance_ids and rejects misspellings", () => {
    expectTypeOf<{ instance_ids: string[] }>().toExtend<GeminiBody>();
    // @ts-expect-error instance_ids is required
    const missing: GeminiBody = {};
    // @ts-expect-error misspelled field
    const misspelled: GeminiBody = { instance_idz: ["a"] };
    void missing;
    void misspelled;
  });

  it("TaurusDB delay is a boolean or the strings 'true' / 'false'", () => {
    expectTypeOf<TaurusBody["delay"]>().toEqualTypeOf<boolean | "true" | "false">();
    const ok: TaurusBody = {
      databases_instance_infos: [{ current_version: "2.0.48.231200", instance_id: "x" }],
      delay: "false",
    };
    void ok;
    // @ts-expect-error current_version is required in each entry
    const noVersion: TaurusBody = { databases_instance_infos: [{ instance_id: "x" }], delay: false };
    // @ts-expect-error "no" is not a documented delay
    const badDelay: TaurusBody = { databases_instance_infos: [], delay: "no" };
    void noVersion;
    void badDelay;
  });

  it("openGauss upgrade_type and upgrade_action are single-value enums", () => {
    expectTypeOf<GaussBody["upgrade_type"]>().toEqualTypeOf<"hotfix">();
    expectTypeOf<GaussBody["upgrade_action"]>().toEqualTypeOf<"upgradeAutoCommit">();
    // @ts-expect-error target_version is required
    const noTarget: GaussBody = {
      instance_ids: [],
      start_time: "",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
    };
    void noTarget;
  });
});

describe("responses", () => {
  it("UpgradeResult is a union of submitted and rejected", () => {
    expectTypeOf<DdsResult>().toEqualTypeOf<
      dds.components["schemas"]["UpgradeResultSubmitted"] | dds.components["schemas"]["UpgradeResultRejected"]
    >();
    // Open objects: the documented fields, and whatever else a real server adds.
    expectTypeOf<dds.components["schemas"]["UpgradeResultSubmitted"]>().toEqualTypeOf<
      { instance_id: string; job_id: string } & { [key: string]: unknown }
    >();
  });

  it("gateway errors carry request_id", () => {
    expectTypeOf<geminidb.components["schemas"]["GatewayErrorResponse"]>()
      .toHaveProperty("request_id")
      .toEqualTypeOf<string>();
  });
});

describe("through openapi-fetch", () => {
  const gemini = createClient<GeminiPaths>({ baseUrl: "http://127.0.0.1" });
  const taurus = createClient<TaurusPaths>({ baseUrl: "http://127.0.0.1" });
  const gauss = createClient<GaussPaths>({ baseUrl: "http://127.0.0.1" });
  const path = { project_id: "619d3e78f61b4be68bc5aa0b59edcf7b" };

  it("types data by the success status and error by the error statuses", async () => {
    const { data, error } = await gemini.POST("/v3/{project_id}/instances/db-upgrade", {
      params: { path },
      body: { instance_ids: ["a"] },
    });
    // openapi-fetch wraps the bodies in its Readable<> mapping, so the checks are assignability both ways.
    type Data = GeminiComponents["schemas"]["BatchUpgradeDatabaseVersionResponse"] | undefined;
    type Failure =
      | GeminiComponents["schemas"]["ErrorResponse"]
      | GeminiComponents["schemas"]["GatewayErrorResponse"]
      | undefined;
    expectTypeOf(data).toExtend<Data>();
    expectTypeOf<Data>().toExtend<typeof data>();
    expectTypeOf(error).toExtend<Failure>();
    expectTypeOf<Failure>().toExtend<typeof error>();
    expectTypeOf(error).not.toExtend<{ request_id: string } | undefined>();
  });

  it("rejects a wrong body", () => {
    gemini.POST("/v3/{project_id}/instances/db-upgrade", {
      params: { path },
      // @ts-expect-error instance_ids must be an array of strings
      body: { instance_ids: "a" },
    });
  });

  it("types application/json;charset=UTF-8 bodies (TaurusDB, openGauss)", () => {
    taurus.POST("/v3/{project_id}/instances/database-version/upgrade", {
      params: { path },
      // @ts-expect-error delay is required
      body: { databases_instance_infos: [] },
    });
    gauss.POST("/v3/{project_id}/instances/db-upgrade/schedule-task", {
      params: { path, header: { "X-Language": "zh-cn" } },
      body: {
        instance_ids: ["a"],
        start_time: "2023-06-06T01:47:20+0800",
        // @ts-expect-error only hotfix
        upgrade_type: "rolling",
        upgrade_action: "upgradeAutoCommit",
        target_version: "1",
      },
    });
  });
});
