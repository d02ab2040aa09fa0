// Generated bodies, derived from the request schemas, against the mocks in process (MSW handlers)
// and over real HTTP (the standalone server). Valid bodies get a documented answer that is never a
// schema rejection; invalid ones get the documented 400 naming the field. Then malformed HTTP.
import { request as httpRequest } from "node:http";
import { createMockApi, type MockApi } from "@dbupgrade/mocks";
import type { RunningMockServer } from "@dbupgrade/mocks/server";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";
import fc from "fast-check";
import { getResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invalidArbitrary, validArbitrary } from "../src/arbitraries.js";
import { credentials, firstRequestExample, projectId, startServer } from "../src/harness.js";
import {
  bodyOperations as specOperations,
  specOperations as allOperations,
  type BodyOperation as SpecOperation,
} from "../src/operations.js";
import { checkCase, checkProperty } from "../src/results.js";
import { contractRuns, fcParams } from "../src/runs.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });
const operations = specOperations();
const named = operations.map((op) => [`${op.api}.${op.operationId}`, op] as const);

type Answer = { status: number; headers: Record<string, string>; body: any };
type Transport = (op: SpecOperation, body: string, headers?: Record<string, string>) => Promise<Answer>;

let mock: MockApi;
let server: RunningMockServer;

beforeAll(async () => {
  mock = createMockApi({ seed: 11 });
  server = await startServer(11);
});
afterAll(() => server.close());

const pathOf = (op: SpecOperation, project = projectId) => op.path.replace("{project_id}", project);

const inProcess: Transport = async (op, body, headers = {}) => {
  const request = new Request(`http://127.0.0.1/${op.api}${pathOf(op)}`, {
    method: op.method,
    headers: { "Content-Type": op.requestContentType, "X-Auth-Token": credentials.token, ...headers },
    body,
  });
  const response = await getResponse(mock.handlersByApi[op.api], request);
  if (!response) throw new Error(`no handler answered ${op.method} ${request.url}`);
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
};

const overHttp: Transport = async (op, body, headers = {}) => {
  const response = await fetch(`${server.baseUrlOf(op.api)}${pathOf(op)}`, {
    method: op.method,
    headers: { "Content-Type": op.requestContentType, "X-Auth-Token": credentials.token, ...headers },
    body,
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
};

/** The IDs the fleet knows, so generated bodies reach accepted, rejected and unknown paths alike. */
function hints(api: SpecOperation["api"]) {
  return { instances: mock.fleet.instances(api).map((i) => ({ id: i.id, version: i.version })) };
}

function expectDocumented(op: SpecOperation, answer: Answer) {
  const r = validator.validateResponse(op.api, op.operationId, answer.status, answer.body, answer.headers);
  expect(r.valid, `${answer.status} ${JSON.stringify(answer.body)}: ${describeIssues(r.issues)}`).toBe(true);
  if (!op.hasDefaultResponse) expect(op.statuses).toContain(answer.status);
}

// A 400 for a valid body must come from a business rule (mixed engines, a version that is not the
// instance's, an impossible calendar date), not from the schema: schema complaints read like the
// validator's issues ("is required", "is not a documented field", "must ...").
const schemaComplaint = / (is required|is not a documented field|must (be|have|match|NOT))\b/;
const isSchemaRejection = (answer: Answer) =>
  answer.status === 400 && schemaComplaint.test(String(answer.body?.error_msg));

describe.each([
  ["in process", inProcess],
  ["over HTTP", overHttp],
] as const)("generated bodies %s", (transportName, transport) => {
  describe.each(named)("%s", (_name, op) => {
    it(`valid bodies (${contractRuns} runs) get a success or a documented business error, never a schema rejection`, async () => {
      const outcomes = new Map<string, number>();
      await checkProperty(
        {
          api: op.api,
          operationId: op.operationId,
          status: "valid",
          check: `generated valid bodies (${transportName})`,
        },
        fc
          .asyncProperty(validArbitrary({ api: op.api, hints: hints(op.api) }, op.requestSchema), async (body) => {
            const answer = await transport(op, JSON.stringify(body));
            expectDocumented(op, answer);
            expect(isSchemaRejection(answer), `a valid body was rejected: ${answer.body?.error_msg}`).toBe(false);
            const key =
              answer.status === op.successStatus ? `${answer.status}` : `${answer.status} ${answer.body.error_code}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          })
          .beforeEach(() => {
            // Every run starts from the seeded fleet (in process and behind the server alike).
            mock.reset();
            server.mock.reset();
          }),
        fcParams({ numRuns: contractRuns }),
      );
      // The generator must reach the success path, not only business errors.
      expect(outcomes.get(String(op.successStatus)) ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(0);
    });

    it(`invalid bodies (${contractRuns} runs) get the documented 400 naming the field`, async () => {
      await checkProperty(
        {
          api: op.api,
          operationId: op.operationId,
          status: "400",
          check: `generated invalid bodies (${transportName})`,
        },
        fc.asyncProperty(invalidArbitrary({ api: op.api, hints: hints(op.api) }, op.requestSchema), async (bad) => {
          const answer = await transport(op, JSON.stringify(bad.body));
          expect(answer.status, `${bad.kind} at ${bad.at}`).toBe(400);
          expectDocumented(op, answer);
          expect(answer.body.error_code).toBe("DBS.200001");
          const expected = validator.validateRequestBody(op.api, op.operationId, bad.body);
          expect(expected.valid).toBe(false);
          // The message names the first field the validator names, so a caller knows what to fix.
          if (!expected.valid) expect(answer.body.error_msg).toContain(expected.issues[0]!.location);
        }),
        fcParams({ numRuns: contractRuns }),
      );
    });
  });
});

/** A raw HTTP/1.1 exchange, for requests fetch will not send (unknown methods, lying lengths). */
function rawHttp(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Answer> {
  const url = new URL(server.url);
  // Node frames a GET body only when told its length; without it the bytes would be a second, garbage request.
  if (body !== undefined) headers = { ...headers, "Content-Length": String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON: the assertion on the body says so */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: parsed });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe.each(named)("malformed HTTP to the standalone server: %s", (_name, op) => {
  // Each test ends with a valid request that changes the fleet: start every test from the seed.
  beforeEach(() => server.mock.reset());
  const auth = { "X-Auth-Token": credentials.token };
  const json = { "Content-Type": op.requestContentType, ...auth };
  const valid = () => JSON.stringify(firstRequestExample(op.api, op.operationId));
  const where = (check: string) => ({
    api: op.api,
    operationId: op.operationId,
    status: "400",
    check: `malformed: ${check}`,
  });
  const expect400 = (answer: Answer, mentions: RegExp) => {
    expect(answer.status).toBe(400);
    expectDocumented(op, answer);
    expect(answer.body.error_code).toBe("DBS.200001");
    expect(answer.body.error_msg).toMatch(mentions);
  };

  it.each([
    ["bad JSON", json, '{"instance_ids": [', /JSON/i],
    ["empty body", json, "", /body|JSON/i],
    ["wrong content type", { ...auth, "Content-Type": "text/plain" }, "instance_ids=a", /content.type/i],
    ["no content type", auth, "{}", /content.type/i],
  ] as const)("%s gets the documented 400", async (check, headers, body, mentions) => {
    await checkCase(where(check), async () =>
      expect400(await rawHttp(op.method, `/${op.api}${pathOf(op)}`, headers, body), mentions),
    );
  });

  it("an oversized body gets the documented 400 without being read whole", async () => {
    await checkCase(where("oversized body"), async () => {
      const huge = `{"instance_ids":["${"x".repeat(2 * 1024 * 1024)}"]}`;
      expect400(await rawHttp(op.method, `/${op.api}${pathOf(op)}`, json, huge), /larger than/);
    });
  });

  it("a missing or malformed project id gets the documented 400", async () => {
    await checkCase(where("missing project id"), async () => {
      expect400(await rawHttp(op.method, `/${op.api}${pathOf(op, "")}`, json, valid()), /project_id/);
      expect400(await rawHttp(op.method, `/${op.api}${pathOf(op, "not-a-project")}`, json, valid()), /project_id/);
    });
  });

  it("unknown paths and methods get a gateway error with X-Request-Id, and the server keeps serving", async () => {
    await checkCase({ ...where("unknown path or method"), status: "404" }, async () => {
      for (const [method, path] of [
        ["POST", `/${op.api}${pathOf(op)}/extra`],
        ["POST", `/nosuchservice${pathOf(op)}`],
        ["GET", `/${op.api}${pathOf(op)}`],
        ["PUT", `/${op.api}${pathOf(op)}`],
        ["DELETE", `/${op.api}${pathOf(op)}`],
        ["PATCH", `/${op.api}${pathOf(op)}`],
      ] as const) {
        // Another operation may live at the same path (TaurusDB: GET and DELETE /scheduled-jobs).
        if (
          allOperations().some(
            (o) => o.api === op.api && o.method === method && `/${o.api}${pathOf(o as SpecOperation)}` === path,
          )
        )
          continue;
        const answer = await rawHttp(method, path, json, valid());
        expect([404, 405], `${method} ${path}`).toContain(answer.status);
        expect(answer.headers["x-request-id"]).toBeTruthy();
        expect(answer.body).toMatchObject({
          error_code: expect.stringMatching(/^APIGW\./),
          error_msg: expect.any(String),
        });
      }
      const after = await overHttp(op, valid());
      expect(after.status).toBe(op.successStatus);
    });
  });

  it("a method HTTP itself does not know is refused by the parser, and the server keeps serving", async () => {
    await checkCase({ ...where("unparseable method"), status: "-" }, async () => {
      const answer = await rawHttp("BREW", `/${op.api}${pathOf(op)}`, json, valid());
      expect(answer.status).toBe(400);
      expect((await overHttp(op, valid())).status).toBe(op.successStatus);
    });
  });
});
