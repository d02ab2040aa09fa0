// Type-level contract of the read operations and the workflow: operations without a body take their
// parameters first (query and path from the generated types, project_id filled in), data is the
// documented body, and the workflow's reports are plain JSON types.
import type { components as dds } from "@dbupgrade/types/dds";
import type { components as geminidb } from "@dbupgrade/types/geminidb";
import { describe, expectTypeOf, it } from "vitest";
import {
  createDdsClient,
  createGeminiDbClient,
  createTaurusDbClient,
  planTaurusDbUpgrades,
  waitForUpgrades,
  type FollowReport,
  type FollowState,
  type TaurusDbInstance,
  type UpgradePlan,
} from "../src/index.js";

const common = { baseUrl: "http://x.test", projectId: "p", auth: { token: "t" } } as const;
const gemini = createGeminiDbClient(common);
const dds_ = createDdsClient(common);
const taurus = createTaurusDbClient(common);

describe("operations without a body", () => {
  it("take their query first, optional when nothing is required", () => {
    void gemini.listJobs({ query: { id: "j" } });
    void gemini.listJobs();
    void dds_.showJobDetail({ query: { id: "j" } });
    // @ts-expect-error ShowJobDetail requires its id
    void dds_.showJobDetail();
    // @ts-expect-error limit takes only 10, 20 or 50
    void gemini.listJobs({ query: { limit: 30 } });
  });

  it("take path parameters other than project_id, which is always filled in", () => {
    void dds_.showUpgradeDuration({ path: { instance_id: "i" } });
    // @ts-expect-error instance_id is required
    void dds_.showUpgradeDuration({ path: {} });
    // @ts-expect-error project_id is not the caller's to give
    void taurus.showInstanceDatabaseVersion({ path: { instance_id: "i", project_id: "x" } });
  });

  it("resolve with the documented body (both ways assignable: open schemas carry index signatures)", async () => {
    expectTypeOf(await gemini.listJobsOrThrow()).toExtend<geminidb["schemas"]["JobListResponse"]>();
    expectTypeOf<geminidb["schemas"]["JobListResponse"]>().toExtend<
      Awaited<ReturnType<typeof gemini.listJobsOrThrow>>
    >();
    expectTypeOf(await dds_.showJobDetailOrThrow({ query: { id: "j" } })).toExtend<
      dds["schemas"]["ShowJobDetailResponse"]
    >();
    expectTypeOf<dds["schemas"]["ShowJobDetailResponse"]>().toExtend<
      Awaited<ReturnType<typeof dds_.showJobDetailOrThrow>>
    >();
  });
});

describe("workflow", () => {
  it("plans TaurusDB into { instanceId, currentVersion } inputs; follow reports have plain states", async () => {
    expectTypeOf(planTaurusDbUpgrades(taurus)).resolves.toEqualTypeOf<UpgradePlan<TaurusDbInstance>>();
    const report = await waitForUpgrades(taurus, { api: "taurusdb", startedAt: "", outcomes: [] });
    expectTypeOf(report).toEqualTypeOf<FollowReport>();
    expectTypeOf(report.instances[0]!.state).toEqualTypeOf<FollowState>();
  });
});
