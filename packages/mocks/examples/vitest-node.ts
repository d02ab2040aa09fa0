// A vitest suite mocking DDS with MSW's setupServer. The client here is openapi-fetch with the
// generated types; @dbupgrade/client (built on openapi-fetch) is used the same way.
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { setupMockServer } from "@dbupgrade/mocks/node";
import type { paths } from "@dbupgrade/types/dds";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const { server, mock } = setupMockServer({ seed: 1 });
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers(); // drops the overrides a test added
  mock.reset(); // the fleet back to its seeded state
});
afterAll(() => server.close());

const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const client = createClient<paths>({
  baseUrl: "https://dds.ap-southeast-1.myhuaweicloud.com",
  headers: { "X-Auth-Token": defaultMockCredentials.token },
  // Look fetch up per request, so MSW intercepts it whenever the client was created.
  fetch: (request) => globalThis.fetch(request),
});

function upgrade(instanceIds: string[]) {
  return client.POST("/v3/{project_id}/instances/db-upgrade", {
    params: { path: { project_id: projectId } },
    body: { instance_ids: instanceIds },
  });
}

describe("upgrading DDS instances against the mocks", () => {
  it("accepts available instances and refuses busy ones, per instance", async () => {
    const [ready] = mock.fleet.instances("dds", { status: "available" });
    const [busy] = mock.fleet.instances("dds", { status: "upgrading" });
    const { data, response } = await upgrade([ready!.id, busy!.id]);
    expect(response.status).toBe(202);
    expect(data?.upgrade_results[0]).toHaveProperty("job_id");
    expect(data?.upgrade_results[1]).toMatchObject({ error_code: "DBS.200011" });
    expect(mock.fleet.get("dds", ready!.id)?.status).toBe("upgrading");
    mock.fleet.advance(); // finish every upgrade now
    expect(mock.fleet.get("dds", ready!.id)?.status).toBe("available");
  });

  it("validates the request like the real API: more than 10 ids is a 400", async () => {
    const ids = mock.fleet
      .instances("dds")
      .slice(0, 11)
      .map((i) => i.id);
    const { error, response } = await upgrade(ids);
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error_code: "DBS.200001", error_msg: expect.stringContaining("body.instance_ids") });
  });

  it("answers what a test asks for: a documented error, once", async () => {
    server.use(
      mock.override(
        "dds",
        "batchUpgradeDatabaseVersion",
        { status: 500, body: { error_code: "DBS.200001", error_msg: "try later" } },
        { times: 1 },
      ),
    );
    const first = await upgrade([mock.fleet.instances("dds", { status: "available" })[0]!.id]);
    expect(first.response.status).toBe(500);
    expect(first.response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{32}$/);
    const second = await upgrade([mock.fleet.instances("dds", { status: "available" })[0]!.id]);
    expect(second.response.status).toBe(202);
  });

  it("drops the connection with the networkError preset", async () => {
    server.use(...mock.networkError({ api: "dds" }));
    await expect(upgrade(["any"])).rejects.toThrow(TypeError);
  });
});
