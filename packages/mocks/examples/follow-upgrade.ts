// plan -> submit -> follow -> confirm for GeminiDB against the mock, with the mock's clock in the
// test's hands: no waiting, and the scenarios make a job fail on purpose.
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { setupMockServer } from "@dbupgrade/mocks/node";
import type { paths } from "@dbupgrade/types/geminidb";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const { server, mock } = setupMockServer({ clock: () => Date.UTC(2026, 0, 15), jobDurationMs: 60_000 });
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset()); // fleet, clock offset and scenarios back to the start
afterAll(() => server.close());

const project_id = "619d3e78f61b4be68bc5aa0b59edcf7b";
const client = createClient<paths>({
  baseUrl: "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com",
  headers: { "X-Auth-Token": defaultMockCredentials.token },
  fetch: (request) => globalThis.fetch(request),
});

async function jobOf(id: string) {
  const { data } = await client.GET("/v3/{project_id}/jobs", { params: { path: { project_id }, query: { id } } });
  return data!.jobs[0]; // the answer is a list even with ?id=
}

describe("following a GeminiDB patch job", () => {
  it("plan, submit, follow to Completed, confirm", async () => {
    // Plan: normal instances with a patch available (one engine per batch).
    const { data: listed } = await client.GET("/v3/{project_id}/instances", {
      params: { path: { project_id }, query: { datastore_type: "cassandra", limit: 100 } },
    });
    const eligible = listed!.instances.filter(
      (i) => i.status === "normal" && i.actions?.length === 0 && i.datastore.patch_available,
    );
    const instanceId = eligible[0]!.id;

    // Submit.
    const { data: submitted } = await client.POST("/v3/{project_id}/instances/db-upgrade", {
      params: { path: { project_id } },
      body: { instance_ids: [instanceId] },
    });
    const jobId = (submitted!.upgrade_results[0] as { job_id: string }).job_id;

    // Follow: the job runs for a minute of mock time.
    expect(await jobOf(jobId)).toMatchObject({ status: "Running", progress: "0%" });
    mock.clock.advance(30_000);
    expect(await jobOf(jobId)).toMatchObject({ status: "Running", progress: "50%" });
    mock.clock.advance(30_000);
    expect(await jobOf(jobId)).toMatchObject({ status: "Completed", fail_reason: "" });

    // Confirm: no patch left to install.
    const { data: after } = await client.GET("/v3/{project_id}/instances", {
      params: { path: { project_id }, query: { id: instanceId } },
    });
    expect(after!.instances[0]!.datastore.patch_available).toBe(false);
  });

  it("a failing job ends Failed with its fail_reason", async () => {
    const [instance] = mock.fleet.instances("geminidb", { status: "available", engine: "Redis" });
    mock.scenario("failingJob", { api: "geminidb", failReason: "Patch package check failed." });
    const { data } = await client.POST("/v3/{project_id}/instances/db-upgrade", {
      params: { path: { project_id } },
      body: { instance_ids: [instance!.id] },
    });
    mock.fleet.settle(); // every job to its end now
    expect(await jobOf((data!.upgrade_results[0] as { job_id: string }).job_id)).toMatchObject({
      status: "Failed",
      fail_reason: "Patch package check failed.",
    });
  });
});
