// The triangle, for every operation and every documented status: spec examples are valid, every
// response the mocks produce is documented, and every request the client sends is documented
// (captured where it arrives: at the mock server). Operations come from the specs, not from a list.
import { verifyRequest } from "@dbupgrade/aksk";
import type { DbUpgradeClients } from "@dbupgrade/client";
import type { RunningMockServer } from "@dbupgrade/mocks/server";
import { apiDocuments } from "@dbupgrade/specs";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";
import { http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleParameters } from "@dbupgrade/mocks";
import {
  callOperation,
  clientsFor,
  credentials,
  firstRequestExample,
  headersObject,
  projectId,
  scheduleSeedUpgrades,
  startServer,
} from "../src/harness.js";
import {
  bodyOperations as specOperations,
  specOperations as allOperations,
  type BodyOperation as SpecOperation,
} from "../src/operations.js";
import { checkCase } from "../src/results.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });
let server: RunningMockServer;
let clients: DbUpgradeClients;
let signedClients: DbUpgradeClients;

beforeAll(async () => {
  server = await startServer();
  clients = clientsFor(server, "token");
  signedClients = clientsFor(server, "aksk");
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
});

const operations = specOperations();
const named = operations.map((op) => [`${op.api}.${op.operationId}`, op] as const);

function resolve(api: SpecOperation["api"], node: any): any {
  return node?.$ref
    ? resolve(
        api,
        node.$ref
          .slice(2)
          .split("/")
          .reduce((o: any, k: string) => o[k], apiDocuments[api]),
      )
    : node;
}

function operationObject(op: SpecOperation): any {
  return (apiDocuments[op.api] as any).paths[op.path][op.method.toLowerCase()];
}

/** Sends a raw request to the mock server (bypassing the client) and returns status, headers and JSON body. */
async function send(
  op: SpecOperation,
  body: unknown,
  headers: Record<string, string> = { "X-Auth-Token": credentials.token },
) {
  const url = `${server.baseUrlOf(op.api)}${op.path.replace("{project_id}", projectId)}`;
  const response = await fetch(url, {
    method: op.method,
    headers: { "Content-Type": op.requestContentType, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: headersObject(response.headers), body: await response.json() };
}

function expectDocumented(
  op: SpecOperation,
  status: number,
  answer: { status: number; headers: Record<string, string>; body: unknown },
) {
  expect(answer.status).toBe(status);
  const result = validator.validateResponse(op.api, op.operationId, answer.status, answer.body, answer.headers);
  expect(
    result.valid,
    `${op.api}.${op.operationId} ${answer.status}: ${describeIssues(result.issues)}\n${JSON.stringify(answer.body)}`,
  ).toBe(true);
}

describe.each(named)("%s: spec examples (a)", (_name, op) => {
  it("request and response examples validate against their schemas", async () => {
    const operation = operationObject(op);
    for (const media of Object.values<any>(resolve(op.api, operation.requestBody).content)) {
      for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
        await checkCase(
          { api: op.api, operationId: op.operationId, status: "request", check: "spec example valid" },
          () => {
            const r = validator.validateRequestBody(op.api, op.operationId, example.value);
            expect(r.valid, `${name}: ${describeIssues(r.issues)}`).toBe(true);
          },
        );
      }
    }
    for (const [status, raw] of Object.entries<any>(operation.responses)) {
      for (const media of Object.values<any>(resolve(op.api, raw).content ?? {})) {
        for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
          await checkCase({ api: op.api, operationId: op.operationId, status, check: "spec example valid" }, () => {
            const code = status === "default" ? 599 : Number(status);
            const r = validator.validateResponse(op.api, op.operationId, code, example.value, { "X-Request-Id": "r" });
            expect(r.valid, `${status} ${name}: ${describeIssues(r.issues)}`).toBe(true);
          });
        }
      }
    }
  });
});

describe.each(named)("%s: every response the mocks produce is documented (b)", (_name, op) => {
  const where = (status: number | string, check: string) => ({
    api: op.api,
    operationId: op.operationId,
    status: String(status),
    check,
  });
  const example = () => firstRequestExample(op.api, op.operationId);

  it(`${op.successStatus}: the spec example request is accepted`, async () => {
    await checkCase(where(op.successStatus, "mock response documented"), async () => {
      expectDocumented(op, op.successStatus, await send(op, example()));
    });
  });

  it.each(op.statuses.filter((s) => s !== op.successStatus))("%s is produced and documented", async (status) => {
    await checkCase(where(status, "mock response documented"), async () => {
      let answer;
      if (status === 400) answer = await send(op, { ...(example() as object), undocumented_field: true });
      else if (status === 401) answer = await send(op, example(), {});
      else if (status === 403) {
        server.use(server.mock.example(op.api, op.operationId as never, "NotAuthorized", { status: 403 }));
        answer = await send(op, example());
      } else if (status === 404) {
        server.use(server.mock.example(op.api, op.operationId as never, "InstanceNotFound", { status: 404 }));
        answer = await send(op, example());
      } else if (status === 500) {
        server.use(...server.mock.serverError({ api: op.api }));
        answer = await send(op, example());
      } else
        throw new Error(`no way to make the mock answer ${status} for ${op.api}.${op.operationId}: teach this test`);
      expectDocumented(op, status, answer);
    });
  });

  // Declared only where the spec documents a `default` response (openGauss), so nothing is skipped.
  if (op.hasDefaultResponse) {
    it("default: another error status is answered with the default body", async () => {
      await checkCase(where("default", "mock response documented"), async () => {
        server.use(
          server.mock.override(
            op.api,
            op.operationId as never,
            { status: 409, body: { error_code: "DBS.200019", error_msg: "another operation in progress" } } as never,
          ),
        );
        expectDocumented(op, 409, await send(op, example()));
      });
    });
  }

  it.each([
    ["partialFailure", () => server.mock.partialFailure({ api: op.api })],
    ["latency", () => server.mock.latency(5, { api: op.api })],
  ] as const)("preset %s answers with a documented response", async (preset, handlers) => {
    await checkCase(where("-", `preset ${preset} documented`), async () => {
      server.use(...handlers());
      const answer = await send(op, example());
      const r = validator.validateResponse(op.api, op.operationId, answer.status, answer.body, answer.headers);
      expect(op.statuses, `${preset} answered ${answer.status}`).toContain(answer.status);
      expect(r.valid, describeIssues(r.issues)).toBe(true);
    });
  });
});

// Every operation: those with a body send their request example, the others their parameter
// examples (with ids the fresh fleet knows); a follow operation finds the seed page's upgrades
// scheduled an hour ahead, so its job or task exists and can still be cancelled.
const everyOperation = allOperations().map((op) => [`${op.api}.${op.operationId}`, op] as const);

describe.each(everyOperation)("%s: every request the client sends is documented (c)", (_name, op) => {
  const captured: Request[] = [];
  const params = op.requestContentType === null ? sampleParameters(op.api, op.operationId) : undefined;
  beforeEach(() => {
    captured.length = 0;
    if (op.group === "follow") scheduleSeedUpgrades(server.mock.fleet, op.api);
    // Falls through (returns nothing) after recording what arrived at the mock.
    server.use(http.all("*", ({ request }) => void captured.push(request.clone())));
  });

  it.each(["token", "aksk"] as const)("with %s auth: method, path, headers and body match the spec", async (auth) => {
    await checkCase(
      { api: op.api, operationId: op.operationId, status: "request", check: `client request documented (${auth})` },
      async () => {
        const input = params ?? firstRequestExample(op.api, op.operationId);
        const result = await callOperation(auth === "token" ? clients : signedClients, op.api, op.operationId, input);
        expect(result.response.status, JSON.stringify(result.error)).toBe(op.successStatus);
        expect(captured).toHaveLength(1);
        const request = captured[0]!;
        const url = new URL(request.url);
        expect(request.method).toBe(op.method);
        const prefix = new URL(server.baseUrlOf(op.api)).pathname;
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(name === "project_id" ? projectId : params!.path[name]!),
        );
        expect(url.pathname).toBe(`${prefix}${path}`);
        expect(request.headers.get("content-type")).toBe(op.requestContentType);
        const bodyText = await request.text();
        if (op.requestContentType === null) expect(bodyText).toBe("");
        else {
          const body = validator.validateRequestBody(op.api, op.operationId, JSON.parse(bodyText));
          expect(body.valid, describeIssues(body.issues)).toBe(true);
        }
        const query = Object.fromEntries(url.searchParams);
        expect(query).toEqual(Object.fromEntries(Object.entries(params?.query ?? {}).map(([k, v]) => [k, String(v)])));
        const checked = validator.validateParameters(op.api, op.operationId, {
          path: { project_id: projectId, ...params?.path },
          header: headersObject(request.headers),
          query,
        });
        expect(checked.valid, describeIssues(checked.issues)).toBe(true);
        if (auth === "token") {
          expect(request.headers.get("x-auth-token")).toBe(credentials.token);
          expect(request.headers.get("authorization")).toBeNull();
        } else {
          expect(request.headers.get("x-auth-token")).toBeNull();
          expect(request.headers.get("x-project-id")).toBe(projectId);
          const verdict = await verifyRequest(
            { method: request.method, url: request.url, headers: request.headers, body: bodyText },
            (ak) => (ak === credentials.accessKey ? credentials.secretKey : undefined),
          );
          expect(verdict).toEqual({ ok: true, accessKey: credentials.accessKey });
          const signed = request.headers
            .get("authorization")!
            .match(/SignedHeaders=([^,]+)/)![1]!
            .split(";");
          expect(signed).toEqual(expect.arrayContaining(["host", "x-project-id", "x-sdk-date"]));
        }
      },
    );
  });
});
