// The triangle and generated inputs for the operations without a request body (the GET and PUT job,
// task and instance operations): enumerated from the specs, so a new one is covered automatically.
// Their inputs are path and query parameters: generated from the parameter schemas, valid ones get a
// documented answer that is never a parameter rejection, invalid ones the documented 400 naming the
// parameter. Every status each operation documents is produced by the mock and validates.
import type { RunningMockServer } from "@dbupgrade/mocks/server";
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validArbitrary } from "../src/arbitraries.js";
import { credentials, exampleParameters, headersObject, operationUrl, projectId, startServer } from "../src/harness.js";
import { specOperations, type SpecOperation } from "../src/operations.js";
import { checkCase, checkProperty } from "../src/results.js";
import { contractRuns, fcParams } from "../src/runs.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });
const operations = specOperations().filter((op) => op.requestSchema === null);
const named = operations.map((op) => [`${op.api}.${op.operationId}`, op] as const);

let server: RunningMockServer;
beforeAll(async () => {
  server = await startServer(13);
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
});

type Parts = { path: Record<string, string>; query: Record<string, string> };

async function send(
  op: SpecOperation,
  parts: Parts,
  headers: Record<string, string> = { "X-Auth-Token": credentials.token },
) {
  const response = await fetch(operationUrl(server.baseUrlOf(op.api), op.path, parts), { method: op.method, headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: headersObject(response.headers),
    body: text ? JSON.parse(text) : undefined,
  };
}

function expectDocumented(op: SpecOperation, answer: Awaited<ReturnType<typeof send>>) {
  const r = validator.validateResponse(op.api, op.operationId, answer.status, answer.body, answer.headers);
  expect(
    r.valid,
    `${op.api}.${op.operationId} ${answer.status}: ${describeIssues(r.issues)}\n${JSON.stringify(answer.body)}`,
  ).toBe(true);
}

/** Path parameters the fleet has: an instance of the API, and a Pending task or job for the ones named by id. */
function livePath(op: SpecOperation): Parts {
  server.mock.reset(); // each generated case starts from the seeded fleet
  const parts = exampleParameters(op.api, op.operationId);
  const [instance, other] = server.mock.fleet
    .instances(op.api, { status: "available" })
    .filter((i) => !i.name.includes("example"));
  if ("instance_id" in parts.path) parts.path.instance_id = instance!.id;
  if ("task_id" in parts.path)
    parts.path.task_id = server.mock.fleet.startUpgrade(op.api, other!.id, {
      startsAfterMs: 3_600_000,
      kind: "scheduled",
    }).id;
  if (op.operationId === "showJobDetail") parts.query.id = server.mock.fleet.startUpgrade(op.api, other!.id).id;
  return parts;
}

function parameters(op: SpecOperation): any[] {
  const doc = apiDocuments[op.api] as any;
  const deref = (node: any): any =>
    node?.$ref
      ? deref(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((o: any, k: string) => o[k], doc),
        )
      : node;
  const item = doc.paths[op.path];
  return [...(item.parameters ?? []), ...(item[op.method.toLowerCase()].parameters ?? [])].map(deref);
}

describe.each(named)("%s: every response the mock produces is documented", (_name, op) => {
  const where = (status: number | string, check: string) => ({
    api: op.api,
    operationId: op.operationId,
    status: String(status),
    check,
  });

  it(`${op.successStatus}: a request naming what the fleet has is answered`, async () => {
    await checkCase(where(op.successStatus, "mock response documented"), async () => {
      const answer = await send(op, livePath(op));
      expect(answer.status).toBe(op.successStatus);
      expectDocumented(op, answer);
    });
  });

  it.each(op.statuses.filter((s) => s !== op.successStatus))("%s is produced and documented", async (status) => {
    await checkCase(where(status, "mock response documented"), async () => {
      const parts = livePath(op);
      let answer;
      if (status === 400) answer = await send(op, { ...parts, path: { ...parts.path, project_id: "not-a-project" } });
      else if (status === 401) answer = await send(op, parts, {});
      else if (status === 403) {
        server.use(server.mock.example(op.api, op.operationId as never, "NotAuthorized", { status: 403 }));
        answer = await send(op, parts);
      } else if (status === 500) {
        server.use(...server.mock.serverError({ api: op.api }));
        answer = await send(op, parts);
      } else if (status === 404 && "instance_id" in (parts.path ?? {}))
        // An instance the fleet does not have (DDS ShowUpgradeDuration documents 404 DBS.200002).
        answer = await send(op, { ...parts, path: { ...parts.path, instance_id: `${"0".repeat(32)}in02` } });
      else throw new Error(`no way to make the mock answer ${status} for ${op.api}.${op.operationId}: teach this test`);
      expect(answer.status).toBe(status);
      expectDocumented(op, answer);
    });
  });
});

describe.each(named)("%s: generated parameters", (_name, op) => {
  const query = parameters(op).filter((p) => p.in === "query");
  const ctx = { api: op.api as ApiName };
  // Each query parameter present or not, with a value its schema allows (as text, as it travels).
  const validQuery = fc.record(
    Object.fromEntries(query.map((p) => [p.name, validArbitrary(ctx, p.schema).map(String)])),
    { requiredKeys: query.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;

  it("valid queries get a documented answer that is never a parameter rejection", async () => {
    await checkProperty(
      { api: op.api, operationId: op.operationId, status: "-", check: "generated valid query" },
      fc.asyncProperty(validQuery, async (q) => {
        const parts = livePath(op);
        const answer = await send(op, { path: parts.path, query: { ...parts.query, ...q } });
        expectDocumented(op, answer);
        expect(op.statuses).toContain(answer.status);
        if (answer.status === 400) expect(answer.body.error_msg).not.toMatch(/query\.\w+ (must|is required)/);
      }),
      fcParams({ numRuns: Math.max(1, Math.round(contractRuns / 10)) }),
    );
  });

  const constrained = query.filter(
    (p) => p.schema.enum || p.schema.pattern || p.schema.minimum !== undefined || p.schema.maximum !== undefined,
  );
  if (constrained.length > 0) {
    it("a value outside a parameter's schema is the documented 400 naming it", async () => {
      await checkProperty(
        { api: op.api, operationId: op.operationId, status: "400", check: "generated invalid query" },
        fc.asyncProperty(
          fc.constantFrom(...constrained),
          fc.constantFrom("-1", "abc", "1000000", "", "%00", "10 "),
          async (param, bad) => {
            const invalid = !validator
              .validateParameters(op.api, op.operationId, {
                path: { project_id: projectId },
                query: { [param.name]: bad },
              })
              .issues.every((i) => i.location !== `query.${param.name}`);
            fc.pre(invalid && bad !== "");
            const parts = livePath(op);
            const answer = await send(op, { path: parts.path, query: { ...parts.query, [param.name]: bad } });
            expect(answer.status).toBe(400);
            expectDocumented(op, answer);
            expect(answer.body.error_msg).toContain(`query.${param.name}`);
          },
        ),
        fcParams({ numRuns: Math.max(1, Math.round(contractRuns / 10)) }),
      );
    });
  }
});
