// Default imports: MSW patches http.request/https.request on the module objects at listen(); a
// named ESM import of a built-in is a snapshot taken earlier and would bypass the mocks.
import http from "node:http";
import https from "node:https";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import type { paths as GaussDbPaths } from "@dbupgrade/types/gaussdb";
import type { paths as TaurusDbPaths } from "@dbupgrade/types/taurusdb";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { setupMockServer } from "../src/node.js";
import { projectId } from "./support.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });
const { server, mock } = setupMockServer({ seed: 2 });
const unhandled: string[] = [];
beforeAll(() =>
  server.listen({ onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`) }),
);
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  unhandled.length = 0;
});
afterAll(() => server.close());

const auth = { "X-Auth-Token": defaultMockCredentials.token };

describe("setupMockServer with openapi-fetch and the generated types", () => {
  // Created with a lazy fetch; MSW was listening before the first request either way.
  const taurus = createClient<TaurusDbPaths>({
    baseUrl: "https://gaussdb.cn-north-4.myhuaweicloud.com",
    headers: auth,
    fetch: (r) => globalThis.fetch(r),
  });
  const gauss = createClient<GaussDbPaths>({
    baseUrl: "https://opengauss.example.test/proxy",
    headers: auth,
    fetch: (r) => globalThis.fetch(r),
  });

  it("TaurusDB: the typed call gets the typed answer; a version mismatch is a typed 400", async () => {
    const [instance] = mock.fleet.instances("taurusdb", { status: "available" });
    const ok = await taurus.POST("/v3/{project_id}/instances/database-version/upgrade", {
      params: { path: { project_id: projectId }, header: { "X-Language": "en-us" } },
      body: {
        databases_instance_infos: [{ instance_id: instance!.id, current_version: instance!.version }],
        delay: false,
      },
    });
    expect(ok.data).toEqual({ resp: "success" });
    const stale = await taurus.POST("/v3/{project_id}/instances/database-version/upgrade", {
      params: { path: { project_id: projectId } },
      body: { databases_instance_infos: [{ instance_id: instance!.id, current_version: "1.0" }], delay: "false" },
    });
    // The instance is upgrading now: the status rule comes before the version rule.
    expect(stale.error).toMatchObject({ error_code: "DBS.200011" });
  });

  it("openGauss: tasks come back with ids that the fleet tracks", async () => {
    const ids = mock.fleet
      .instances("gaussdb", { status: "available" })
      .slice(0, 2)
      .map((i) => i.id);
    const { data, response } = await gauss.POST("/v3/{project_id}/instances/db-upgrade/schedule-task", {
      params: { path: { project_id: projectId } },
      body: {
        instance_ids: ids,
        start_time: "2026-01-01T00:00:00+0000",
        upgrade_type: "hotfix",
        upgrade_action: "upgradeAutoCommit",
        target_version: "3.208.0.7",
      },
    });
    expect(response.status).toBe(200);
    expect(data?.instance_tasks?.map((t) => t.task_id)).toEqual(
      ids.map((id) => mock.fleet.get("gaussdb", id)!.upgrade!.id),
    );
  });
});

describe("any Node HTTP client is intercepted", () => {
  it("plain fetch", async () => {
    const response = await fetch(`https://dds.ap-southeast-1.myhuaweicloud.com/v3/${projectId}/instances/db-upgrade`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02"] }),
    });
    const body = await response.json();
    expect(response.status).toBe(202);
    expect(validator.validateResponse("dds", "batchUpgradeDatabaseVersion", 202, body).valid).toBe(true);
  });

  it("node:http and node:https requests", async () => {
    const viaNode = (module: typeof http | typeof https, url: string) =>
      new Promise<{ status: number; body: unknown; requestId: unknown }>((resolve, reject) => {
        const req = module.request(
          url,
          { method: "POST", headers: { ...auth, "Content-Type": "application/json;charset=UTF-8" } },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (text += chunk));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), requestId: res.headers["x-request-id"] }),
            );
          },
        );
        req.on("error", reject);
        req.end(
          JSON.stringify({
            databases_instance_infos: [
              { instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" },
            ],
            delay: false,
          }),
        );
      });
    const path = `/v3/${projectId}/instances/database-version/upgrade`;
    expect(await viaNode(https, `https://gaussdb.ap-southeast-3.myhuaweicloud.com${path}`)).toMatchObject({
      status: 200,
      body: { resp: "success" },
    });
    const again = await viaNode(http, `http://localhost:9/taurusdb${path}`);
    expect(again).toMatchObject({
      status: 400,
      body: { error_code: "DBS.200011" },
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it("requests the mocks do not cover reach onUnhandledRequest", async () => {
    // DDS's ListTasks (GET /v3.1/{project_id}/jobs) is not one of the mocked operations.
    await fetch(`https://dds.ap-southeast-1.myhuaweicloud.com/v3.1/${projectId}/jobs?id=1`).catch(() => undefined);
    expect(unhandled).toEqual([`GET https://dds.ap-southeast-1.myhuaweicloud.com/v3.1/${projectId}/jobs?id=1`]);
  });
});
