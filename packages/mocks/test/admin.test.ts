// The standalone server's own endpoints: the root page (HTML or JSON by Accept) and the admin
// endpoints that reset, advance and set scenarios, for loopback clients only.
import type { IncomingMessage } from "node:http";
import { apiNames } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerAdmin } from "../src/admin.js";
import { createMockApi } from "../src/mock-api.js";
import { startMockServer, type RunningMockServer } from "../src/server.js";
import { T0 } from "./follow-support.js";
import { projectId, tokenHeaders } from "./support.js";

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, clock: () => T0 });
});
afterAll(() => server.close());

const admin = async (path: string, body?: unknown, method = "POST") => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};

describe("GET /", () => {
  it("answers JSON listing every service, operation (with its group) and admin endpoint", async () => {
    const response = await fetch(`${server.url}/`, { headers: { Accept: "application/json" } });
    expect(response.headers.get("content-type")).toBe("application/json");
    const info = await response.json();
    expect(info.services.map((s: { api: string }) => s.api)).toEqual([...apiNames]);
    for (const service of info.services) {
      expect(service.baseUrl).toBe(server.baseUrlOf(service.api));
      expect(service.operations.map((o: { operationId: string }) => o.operationId)).toEqual(
        Object.keys(apiMeta[service.api as (typeof apiNames)[number]].operations),
      );
    }
    expect(info.services[0].operations).toContainEqual(
      expect.objectContaining({ operationId: "listJobs", group: "follow", method: "GET" }),
    );
    expect(info.admin.map((a: { path: string }) => a.path)).toEqual([
      "/__admin/reset",
      "/__admin/advance",
      "/__admin/scenario",
      "/__admin/state",
    ]);
    expect(info.scenarios).toContain("failingJob");
  });

  it("answers HTML to a browser, with a strict CSP", async () => {
    const response = await fetch(`${server.url}/`, { headers: { Accept: "text/html,application/xhtml+xml" } });
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain("<code>/__admin/scenario</code>");
    expect(html).toContain("showBatchUpgradeCandidateVersions");
  });
});

describe("admin endpoints", () => {
  it("advance moves mock time and settle finishes jobs; state shows them; reset puts the fleet back", async () => {
    const [instance] = server.mock.fleet.instances("dds", { status: "available" });
    const submit = await fetch(`${server.baseUrlOf("dds")}/v3/${projectId}/instances/db-upgrade`, {
      method: "POST",
      headers: { ...tokenHeaders, "Content-Type": "application/json" },
      body: JSON.stringify({ instance_ids: [instance!.id] }),
    });
    const jobId = (await submit.json()).upgrade_results[0].job_id;
    expect(await admin("/__admin/advance", { ms: 1000 })).toEqual({ status: 200, body: { ok: true, now: T0 + 1000 } });
    const state = await admin("/__admin/state", undefined, "GET");
    expect(state.body.jobs).toContainEqual(expect.objectContaining({ id: jobId, status: "running" }));
    expect((await admin("/__admin/advance", { settle: true })).status).toBe(200);
    expect(server.mock.fleet.job("dds", jobId)?.status).toBe("completed");
    expect(await admin("/__admin/reset", {})).toEqual({ status: 200, body: { ok: true, now: T0 } });
    expect(server.mock.fleet.job("dds", jobId)).toBeUndefined();
  });

  it("scenario turns a preset on", async () => {
    expect(await admin("/__admin/scenario", { name: "jobApiErrors", api: "geminidb", times: 1 })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const listJobs = () =>
      fetch(`${server.baseUrlOf("geminidb")}/v3/${projectId}/jobs`, { headers: tokenHeaders }).then((r) => r.status);
    expect(await listJobs()).toBe(500);
    expect(await listJobs()).toBe(200);
  });

  it.each([
    ["/__admin/advance", { ms: -5 }, 400, /advance takes/],
    ["/__admin/advance", "not json", 400, /not valid JSON/],
    ["/__admin/advance", [1], 400, /JSON object/],
    ["/__admin/reset", { seed: 2 }, 400, /empty object/],
    ["/__admin/scenario", { name: "meteorStrike" }, 400, /unknown scenario/],
    ["/__admin/scenario", { name: "failingJob", times: 1.5 }, 400, /times must be/],
    ["/__admin/nothing", {}, 404, /no admin endpoint/],
  ] as const)("%s %j -> %i", async (path, body, status, error) => {
    const answer = await admin(path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(error);
  });

  it("a wrong method is a 405 naming the right one", async () => {
    const response = await fetch(`${server.url}/__admin/reset`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses clients that are not on this machine", () => {
    const mock = createMockApi();
    const remote = { method: "POST", socket: { remoteAddress: "10.1.2.3" } } as unknown as IncomingMessage;
    const answer = answerAdmin(mock, remote, "/__admin/reset", new Uint8Array());
    expect(answer).toMatchObject({ status: 403 });
    expect(JSON.parse(answer!.body).error).toMatch(/loopback clients only/);
    const local = { method: "POST", socket: { remoteAddress: "::ffff:127.0.0.1" } } as unknown as IncomingMessage;
    expect(answerAdmin(mock, local, "/__admin/reset", new Uint8Array())).toMatchObject({ status: 200 });
    expect(answerAdmin(mock, remote, "/v3/x/jobs", new Uint8Array())).toBeUndefined();
  });
});
