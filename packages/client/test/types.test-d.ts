// Type-level contract: bodies are checked against the generated types, `data` is the body of the
// documented success status of each operation, `error` the union of its documented error bodies.
import type { components as dds } from "@dbupgrade/types/dds";
import type { components as gaussdb, operations as gaussdbOps } from "@dbupgrade/types/gaussdb";
import type { components as geminidb, operations as geminidbOps } from "@dbupgrade/types/geminidb";
import type { components as taurusdb, operations as taurusdbOps } from "@dbupgrade/types/taurusdb";
import { describe, expectTypeOf, it } from "vitest";
import {
  createDbUpgradeClients,
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  upgradeTaurusDbInBatches,
  type GeminiDbBatchOutcome,
  type OperationResponseBody,
} from "../src/index.js";

const common = { baseUrl: "http://x.test", projectId: "p", auth: { token: "t" } } as const;
const gemini = createGeminiDbClient(common);
const taurus = createTaurusDbClient(common);
const dds_ = createDdsClient(common);
const gauss = createGaussDbClient(common);

describe("request bodies", () => {
  it("accept the documented body", () => {
    expectTypeOf(gemini.batchUpgradeDatabaseVersion)
      .parameter(0)
      .toEqualTypeOf<geminidb["schemas"]["BatchUpgradeDatabaseVersionRequestBody"]>();
    expectTypeOf(taurus.batchUpgradeDatabases)
      .parameter(0)
      .toEqualTypeOf<taurusdb["schemas"]["BatchUpgradeDatabasesRequestBody"]>();
    // The charset-qualified media type of TaurusDB and openGauss still types the body.
    expectTypeOf(gauss.createScheduleTask)
      .parameter(0)
      .toEqualTypeOf<gaussdb["schemas"]["CreateScheduleTaskRequestBody"]>();
  });

  it("reject a wrong body", () => {
    // @ts-expect-error instance_ids must be an array of strings
    void gemini.batchUpgradeDatabaseVersion({ instance_ids: "one" });
    // @ts-expect-error a field of another API
    void dds_.batchUpgradeDatabaseVersion({ instance_ids: ["a"], delay: false });
    // @ts-expect-error delay is required
    void taurus.batchUpgradeDatabases({ databases_instance_infos: [{ instance_id: "a", current_version: "1" }] });
    // @ts-expect-error current_version is required
    void taurus.batchUpgradeDatabases({ databases_instance_infos: [{ instance_id: "a" }], delay: false });
    void gauss.createScheduleTask({
      instance_ids: ["a"],
      start_time: "x",
      // @ts-expect-error upgrade_type only allows "hotfix"
      upgrade_type: "full",
      upgrade_action: "upgradeAutoCommit",
      target_version: "1",
    });
    // @ts-expect-error no such operation
    void gemini.createScheduleTask;
  });
});

// Response bodies are open objects ({...} & {[key: string]: unknown}); openapi-fetch maps them through
// Readable<>, which toEqualTypeOf tells apart from the plain type though each is assignable to the other.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe("results", () => {
  it("data is the body of each operation's success status (202 or 200)", async () => {
    const g = await gemini.batchUpgradeDatabaseVersion({ instance_ids: ["a"] });
    expectTypeOf<
      Mutual<typeof g.data, geminidb["schemas"]["BatchUpgradeDatabaseVersionResponse"] | undefined>
    >().toEqualTypeOf<true>();
    expectTypeOf<OperationResponseBody<geminidbOps["batchUpgradeDatabaseVersion"], 202>>().toEqualTypeOf<
      geminidb["schemas"]["BatchUpgradeDatabaseVersionResponse"]
    >();
    const t = await taurus.batchUpgradeDatabases({ databases_instance_infos: [], delay: true });
    expectTypeOf<Mutual<typeof t.data, taurusdb["schemas"]["CommonResp"] | undefined>>().toEqualTypeOf<true>();
    expectTypeOf<OperationResponseBody<taurusdbOps["batchUpgradeDatabases"], 200>>().toEqualTypeOf<
      taurusdb["schemas"]["CommonResp"]
    >();
    const scheduled = await gauss.createScheduleTaskOrThrow({
      instance_ids: ["a"],
      start_time: "x",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
      target_version: "1",
    });
    expectTypeOf<Mutual<typeof scheduled, gaussdb["schemas"]["CreateScheduleTaskResponse"]>>().toEqualTypeOf<true>();
    const upgraded = await dds_.batchUpgradeDatabaseVersionOrThrow({ instance_ids: ["a"] });
    expectTypeOf<
      Mutual<typeof upgraded, dds["schemas"]["BatchUpgradeDatabaseVersionResponse"]>
    >().toEqualTypeOf<true>();
  });

  it("error is the union of the documented error bodies; narrowing on error gives data", async () => {
    const result = await gemini.batchUpgradeDatabaseVersion({ instance_ids: ["a"] });
    expectTypeOf<
      Mutual<
        typeof result.error,
        geminidb["schemas"]["ErrorResponse"] | geminidb["schemas"]["GatewayErrorResponse"] | undefined
      >
    >().toEqualTypeOf<true>();
    expectTypeOf<OperationResponseBody<geminidbOps["batchUpgradeDatabaseVersion"], 401>>().toEqualTypeOf<
      geminidb["schemas"]["GatewayErrorResponse"]
    >();
    expectTypeOf<OperationResponseBody<gaussdbOps["createScheduleTask"], "default">>().toEqualTypeOf<
      gaussdb["schemas"]["ErrorResponse"]
    >();
    if (result.error === undefined) {
      expectTypeOf<
        Mutual<typeof result.data, geminidb["schemas"]["BatchUpgradeDatabaseVersionResponse"]>
      >().toEqualTypeOf<true>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
    }
    expectTypeOf(result.response).toEqualTypeOf<Response>();
  });
});

describe("options", () => {
  it("language only where the API takes X-Language, with its values", () => {
    createTaurusDbClient({ ...common, language: "zh-cn" });
    createGaussDbClient({ ...common, language: "en-us" });
    // @ts-expect-error not a documented language
    createTaurusDbClient({ ...common, language: "fr-fr" });
    // @ts-expect-error GeminiDB has no X-Language
    createGeminiDbClient({ ...common, language: "en-us" });
    void taurus.batchUpgradeDatabases({ databases_instance_infos: [], delay: true }, { language: "zh-cn" });
    // @ts-expect-error DDS has no X-Language
    void dds_.batchUpgradeDatabaseVersion({ instance_ids: [] }, { language: "zh-cn" });
  });

  it("region or baseUrl, not both; auth is a token or AK/SK", () => {
    createDdsClient({ region: "eu-west-101", projectId: "p", auth: { accessKey: "a", secretKey: "s" } });
    // @ts-expect-error both region and baseUrl
    createDdsClient({ region: "eu-west-101", baseUrl: "http://x", projectId: "p", auth: { token: "t" } });
    // @ts-expect-error auth is required
    createDdsClient({ region: "eu-west-101", projectId: "p" });
    createDbUpgradeClients({ baseUrl: (api) => `http://x/${api}`, projectId: "p", auth: { token: "t" } });
  });

  it("batch outcomes are a discriminated union", () => {
    const outcome = {} as GeminiDbBatchOutcome;
    if (outcome.status === "submitted") expectTypeOf(outcome.jobId).toEqualTypeOf<string>();
    if (outcome.status === "failed") expectTypeOf(outcome.mayHaveReachedServer).toEqualTypeOf<boolean>();
    // @ts-expect-error TaurusDB needs delay
    void upgradeTaurusDbInBatches(taurus, [], {});
  });
});
