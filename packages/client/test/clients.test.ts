// Every operation of every API, through MSW: the documented request goes out (path, project id,
// content type, auth, X-Language), the success body comes back as `data`, and every documented error
// status comes back as `error` from the plain method and as DbUpgradeApiError from the throwing twin.
import { apiMeta } from "@dbupgrade/meta";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DbUpgradeApiError } from "../src/index.js";
import {
  anyClient,
  operationCases,
  pathOf,
  projectId,
  requestExample,
  responseExample,
  validator,
} from "./support/spec.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = "https://mock.test";
const token = "test-token-value-1234567890";

function headersOf(request: Request): Record<string, string> {
  return Object.fromEntries(request.headers);
}

describe.each(operationCases)("$api.$operationId", ({ api, operationId, meta }) => {
  const url = `${BASE}/${api}${pathOf(meta)}`;
  const client = anyClient(api, { baseUrl: `${BASE}/${api}`, projectId, auth: { token } });
  const body = requestExample(api, operationId);
  const success = responseExample(api, operationId, meta.successStatus);

  it("sends the documented request and returns the success body as data", async () => {
    const seen: Request[] = [];
    server.use(
      http.post(url, ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json(success, { status: meta.successStatus, headers: { "X-Request-Id": "req-ok" } });
      }),
    );
    const result = await client[operationId]!(body);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(success);
    expect(result.response.status).toBe(meta.successStatus);
    expect(
      validator.validateResponse(
        api,
        operationId,
        meta.successStatus,
        result.data,
        headersOf(new Request(url, { headers: result.response.headers })),
      ).valid,
    ).toBe(true);

    const [request] = seen;
    expect(request!.method).toBe(meta.method);
    expect(new URL(request!.url).pathname).toBe(`/${api}${pathOf(meta)}`);
    expect(request!.headers.get("Content-Type")).toBe(meta.requestContentType);
    expect(request!.headers.get("X-Auth-Token")).toBe(token);
    const sent = JSON.parse(await request!.text());
    expect(sent).toEqual(body);
    expect(validator.validateRequestBody(api, operationId, sent)).toEqual({ valid: true, issues: [] });
    expect(
      validator.validateParameters(api, operationId, { path: { project_id: projectId }, header: headersOf(request!) })
        .valid,
    ).toBe(true);

    await expect(client[`${operationId}OrThrow`]!(body)).resolves.toEqual(success);
  });

  const errorStatuses: (number | "default")[] = [
    ...meta.statuses.filter((s) => s >= 400),
    ...(meta.hasDefaultResponse ? (["default"] as const) : []),
  ];
  it.each(errorStatuses)("status %s: `error` from the method, DbUpgradeApiError from the twin", async (documented) => {
    // `default` stands for any undocumented status; 404 is one.
    const status = documented === "default" ? 404 : documented;
    const errorBody = responseExample(api, operationId, documented) ?? {
      error_code: "DBS.200002",
      error_msg: "The DB instance does not exist.",
    };
    expect(validator.validateResponse(api, operationId, status, errorBody).valid).toBe(true);
    server.use(
      http.post(url, () => HttpResponse.json(errorBody, { status, headers: { "X-Request-Id": "req-err-1" } })),
    );

    const result = await client[operationId]!(body);
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(errorBody);
    expect(result.response.status).toBe(status);

    const error = await client[`${operationId}OrThrow`]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeApiError);
    expect(error).toMatchObject({
      status,
      errorCode: errorBody.error_code,
      errorMsg: errorBody.error_msg,
      requestId: "req-err-1",
      api,
      operationId,
      mayHaveReachedServer: true,
    });
    expect((error as Error).message).toContain(`HTTP ${status}`);
    expect((error as Error).message).toContain(errorBody.error_code);
  });

  it("takes the gateway's request_id when the X-Request-Id header is missing", async () => {
    const gateway = responseExample(api, operationId, 401);
    server.use(http.post(url, () => HttpResponse.json(gateway, { status: 401 })));
    const error = await client[`${operationId}OrThrow`]!(body).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, errorCode: gateway.error_code, requestId: gateway.request_id });
  });

  it("reports a non-JSON error body as text, and a 2xx with an unreadable body as an API error", async () => {
    server.use(
      http.post(
        url,
        () => new HttpResponse("Bad Gateway", { status: 502, headers: { "Content-Type": "text/plain" } }),
        { once: true },
      ),
    );
    await expect(client[`${operationId}OrThrow`]!(body)).rejects.toMatchObject({
      status: 502,
      errorCode: undefined,
      errorMsg: "Bad Gateway",
    });
    server.use(
      http.post(
        url,
        () =>
          new HttpResponse("{not json", {
            status: meta.successStatus,
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );
    const error = await client[`${operationId}OrThrow`]!(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbUpgradeApiError);
    expect(error).toMatchObject({ status: meta.successStatus, mayHaveReachedServer: true });
    expect((error as Error).message).toContain("not valid JSON");
  });

  it("merges client and call headers without losing auth or content type", async () => {
    const seen: Request[] = [];
    server.use(
      http.post(url, ({ request }) => (seen.push(request), HttpResponse.json(success, { status: meta.successStatus }))),
    );
    const withHeaders = anyClient(api, {
      baseUrl: `${BASE}/${api}/`,
      projectId,
      auth: { token },
      headers: { "X-Client": "a" },
    });
    await withHeaders[operationId]!(body, { headers: { "X-Call": "b" } });
    expect(seen[0]!.headers.get("X-Client")).toBe("a");
    expect(seen[0]!.headers.get("X-Call")).toBe("b");
    expect(seen[0]!.headers.get("X-Auth-Token")).toBe(token);
    expect(seen[0]!.headers.get("Content-Type")).toBe(meta.requestContentType);
  });

  if (meta.language !== null) {
    const language = meta.language;
    it(`sends ${language.name} from the client options and per call`, async () => {
      const seen: (string | null)[] = [];
      server.use(
        http.post(
          url,
          ({ request }) => (
            seen.push(request.headers.get(language.name)), HttpResponse.json(success, { status: meta.successStatus })
          ),
        ),
      );
      const [first, second] = language.values;
      const localized = anyClient(api, { baseUrl: `${BASE}/${api}`, projectId, auth: { token }, language: first });
      await localized[operationId]!(body);
      await localized[operationId]!(body, { language: second });
      await client[operationId]!(body);
      expect(seen).toEqual([first, second, null]);
      expect(() => anyClient(api, { baseUrl: BASE, projectId, auth: { token }, language: "fr-fr" })).toThrow(
        /language must be one of en-us, zh-cn/,
      );
    });
  } else {
    it("has no X-Language header and refuses a language", async () => {
      expect(() => anyClient(api, { baseUrl: BASE, projectId, auth: { token }, language: "en-us" })).toThrow(
        /does not take X-Language/,
      );
    });
  }

  it("client.raw is the openapi-fetch client with the same endpoint and auth", async () => {
    const seen: Request[] = [];
    server.use(
      http.post(url, ({ request }) => (seen.push(request), HttpResponse.json(success, { status: meta.successStatus }))),
    );
    const { data } = await client.raw.POST(meta.path, {
      params: { path: { project_id: projectId } },
      body,
      headers: { "Content-Type": meta.requestContentType },
    });
    expect(data).toEqual(success);
    expect(seen[0]!.headers.get("X-Auth-Token")).toBe(token);
  });
});

it("every API's operations are covered", () => {
  expect(operationCases.map((c) => `${c.api}.${c.operationId}`)).toEqual(
    Object.entries(apiMeta).flatMap(([api, meta]) =>
      Object.values(meta.operations)
        .filter((op) => op.group === "upgrade")
        .map((op) => `${api}.${op.operationId}`),
    ),
  );
});
