// The README examples run here, against MSW handlers that behave like the mock server's defaults
// (token and AK/SK auth, spec validation, the spec's example answers for the seeded instances).
import { verifyRequest } from "@dbupgrade/aksk";
import { apiMeta, apiNames } from "@dbupgrade/meta";
import { describeIssues } from "@dbupgrade/specs/validation";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { pathOf, responseExample, validator } from "./support/spec.js";

const mock = "http://127.0.0.1:4010";
const token = "dbupgrade-local-token";
const keys: Record<string, string> = { DBUPGRADELOCALAK0000: "dbupgrade-local-secret-key" };
const requestIds = { n: 0 };

const handlers = apiNames.flatMap((api) =>
  Object.values(apiMeta[api].operations).map((meta) =>
    http.post(`${mock}/${api}${pathOf(meta)}`, async ({ request }) => {
      const headers = { "X-Request-Id": `example-${++requestIds.n}` };
      const bytes = new Uint8Array(await request.clone().arrayBuffer());
      const authorized =
        request.headers.get("X-Auth-Token") === token ||
        (
          await verifyRequest(
            { method: request.method, url: request.url, headers: request.headers, body: bytes },
            (ak) => keys[ak],
          )
        ).ok;
      if (!authorized)
        return HttpResponse.json(
          {
            error_code: "APIGW.0301",
            error_msg: "Incorrect IAM authentication information",
            request_id: headers["X-Request-Id"],
          },
          { status: 401, headers },
        );
      const body = JSON.parse(new TextDecoder().decode(bytes));
      const check = validator.validateRequestBody(api, meta.operationId, body);
      if (!check.valid)
        return HttpResponse.json(
          { error_code: "DBS.200001", error_msg: describeIssues(check.issues) },
          { status: 400, headers },
        );
      const example = responseExample(api, meta.operationId, meta.successStatus);
      if ("upgrade_results" in example) {
        const known = new Map(example.upgrade_results.map((r: { instance_id: string }) => [r.instance_id, r]));
        example.upgrade_results = body.instance_ids.map(
          (id: string) => known.get(id) ?? { instance_id: id, job_id: `job-${id}` },
        );
      }
      return HttpResponse.json(example, { status: meta.successStatus, headers });
    }),
  ),
);

const server = setupServer(...handlers);
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterAll(() => {
  server.close();
  vi.restoreAllMocks();
});

it("token-client: a call with typed results, and a typed error", async () => {
  const { results, outcome } = await import("../examples/token-client.js");
  expect(results).toEqual([
    "046287aae57843b1a7bc61b7a8812f41in02: job e4616470-733d-41de-a9b0-a260709293d3",
    "3d1e04f49efa473a8c7eaf07ed7ff870in02: DBS.200011",
  ]);
  expect(outcome).toMatch(/^HTTP 400 DBS\.200001 \(request example-\d+\)$/);
});

it("batch-upgrade: a report with one outcome per distinct instance", async () => {
  const { report } = await import("../examples/batch-upgrade.js");
  expect(report.counts).toEqual({ submitted: 1, rejected: 1, failed: 0, skipped: 0 });
  expect(report.outcomes.map((o) => o.status)).toEqual(["submitted", "rejected"]);
  expect(report.duplicates).toEqual([{ instanceId: "046287aae57843b1a7bc61b7a8812f41in13", occurrences: 2 }]);
});

it("aksk-signing: a signed call the server verifies", async () => {
  const { answer } = await import("../examples/aksk-signing.js");
  expect(answer).toEqual(responseExample("taurusdb", "batchUpgradeDatabases", 200));
});

it("regions: endpoints from the spec tables", async () => {
  const { endpoints, unknownRegion } = await import("../examples/regions.js");
  for (const api of apiNames) expect(endpoints[api]).toBe(apiMeta[api].endpoints["ap-southeast-1"]);
  expect(unknownRegion).toMatch(/^gaussdb client: unknown region "eu-west-101"; valid regions: /);
});
