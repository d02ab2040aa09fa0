import { sha256Hex } from "@dbupgrade/aksk";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { createMockApi } from "../src/mock-api.js";
import {
  firstRequestExample,
  jsonRequest,
  mustSend,
  onlyOperation,
  operationUrl,
  signedRequest,
  type Answer,
} from "./support.js";

const op = onlyOperation("geminidb");
const body = firstRequestExample(op);
const validator = createSpecValidator({ documentedFieldsOnly: true });
const minutes = (n: number) => n * 60_000;

/** A copy of a request with some parts replaced, keeping the original Authorization. */
async function tampered(
  request: Request,
  change: { url?: string; body?: string; headers?: Record<string, string | null> },
): Promise<Request> {
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(change.url ?? request.url, {
    method: request.method,
    headers,
    body: change.body ?? (await request.text()),
  });
}

function expectGateway401(answer: Answer, message: RegExp | string) {
  expect(answer.status).toBe(401);
  expect(answer.body.error_code).toBe("APIGW.0301");
  expect(answer.body.error_msg).toMatch(message);
  expect(answer.body.request_id).toBe(answer.headers["x-request-id"]);
  expect(validator.validateResponse(op.api, op.operationId, 401, answer.body, answer.headers).issues).toEqual([]);
  // Nothing secret comes back.
  const text = JSON.stringify(answer.body);
  for (const secret of Object.values(defaultMockCredentials)) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/[0-9a-f]{64}/);
}

describe("AK/SK signatures", () => {
  const mock = createMockApi();
  const fresh = () => createMockApi();

  it("accepts a correct signature, with the default signed headers and with the SDKs' other choices", async () => {
    for (const signedHeaders of [
      undefined,
      ["host", "x-sdk-date"],
      ["content-type", "host", "x-project-id", "x-sdk-date"],
    ]) {
      const answer = await mustSend(
        fresh().handlers,
        await signedRequest(op, body, signedHeaders ? { signedHeaders } : {}),
      );
      expect(answer.status).toBe(202);
    }
  });

  it("accepts X-Sdk-Date up to 15 minutes off, either way", async () => {
    for (const offset of [minutes(-14), minutes(14)]) {
      const answer = await mustSend(
        fresh().handlers,
        await signedRequest(op, body, { date: new Date(Date.now() + offset) }),
      );
      expect(answer.status).toBe(202);
    }
  });

  it("accepts X-Sdk-Content-Sha256 when it is the body's hash", async () => {
    const text = JSON.stringify(body);
    const request = await signedRequest(op, body, {
      headers: { "X-Sdk-Content-Sha256": await sha256Hex(text) },
      signedHeaders: ["host", "x-sdk-content-sha256", "x-sdk-date"],
    });
    expect((await mustSend(fresh().handlers, request)).status).toBe(202);
  });

  const refusals: [string, () => Promise<Request>, RegExp | string][] = [
    [
      "a tampered body",
      async () => tampered(await signedRequest(op, body), { body: JSON.stringify({ instance_ids: ["x"] }) }),
      "Incorrect IAM authentication information: verify aksk signature fail",
    ],
    [
      "a tampered path",
      async () => tampered(await signedRequest(op, body), { url: operationUrl(op, { projectId: "0".repeat(32) }) }),
      /verify aksk signature fail/,
    ],
    [
      "an added query parameter",
      async () => {
        const r = await signedRequest(op, body);
        return tampered(r, { url: `${r.url}?limit=1` });
      },
      /verify aksk signature fail/,
    ],
    [
      "a tampered signed header",
      async () => tampered(await signedRequest(op, body), { headers: { "X-Project-Id": "0".repeat(32) } }),
      /verify aksk signature fail/,
    ],
    [
      "a removed signed header",
      async () => tampered(await signedRequest(op, body), { headers: { "X-Project-Id": null } }),
      /verify aksk signature fail/,
    ],
    [
      "another host",
      async () =>
        tampered(await signedRequest(op, body), {
          url: operationUrl(op, { base: "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com" }),
        }),
      /verify aksk signature fail/,
    ],
    [
      "a tampered X-Sdk-Date",
      async () => {
        const r = await signedRequest(op, body, { date: new Date(Date.now() - 1000) });
        return tampered(r, {
          headers: {
            "X-Sdk-Date": r.headers.get("x-sdk-date")!.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)),
          },
        });
      },
      /verify aksk signature fail/,
    ],
    [
      "a signature that leaves out host (SignedHeaders=x-sdk-date), sent to another host",
      async () => {
        const r = await signedRequest(op, body, { signedHeaders: ["x-sdk-date"] });
        return tampered(r, { url: operationUrl(op, { base: "https://evil.example" }) });
      },
      /host is not listed in SignedHeaders/,
    ],
    [
      "a signature that leaves out host, sent to the host it was made for",
      () => signedRequest(op, body, { signedHeaders: ["x-sdk-date"] }),
      /host is not listed in SignedHeaders/,
    ],
    [
      "the wrong secret key",
      () => signedRequest(op, body, { secretKey: "not-the-secret" }),
      /verify aksk signature fail/,
    ],
    [
      "an unknown access key",
      () => signedRequest(op, body, { accessKey: "UNKNOWNACCESSKEY0000" }),
      /access key is not known/,
    ],
    [
      "X-Sdk-Date 16 minutes behind",
      () => signedRequest(op, body, { date: new Date(Date.now() - minutes(16)) }),
      /more than 15 minutes/,
    ],
    [
      "X-Sdk-Date 16 minutes ahead",
      () => signedRequest(op, body, { date: new Date(Date.now() + minutes(16)) }),
      /more than 15 minutes/,
    ],
    [
      "no X-Sdk-Date",
      async () => tampered(await signedRequest(op, body), { headers: { "X-Sdk-Date": null } }),
      /X-Sdk-Date is missing/,
    ],
    [
      "a malformed Authorization",
      async () => tampered(await signedRequest(op, body), { headers: { Authorization: "SDK-HMAC-SHA256 Access=x" } }),
      /not of the form/,
    ],
    [
      "another scheme",
      async () => tampered(await signedRequest(op, body), { headers: { Authorization: "Bearer abc" } }),
      /not of the form/,
    ],
    [
      "a declared body hash that is not the body's",
      async () => {
        const r = await signedRequest(op, body, {
          headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
          signedHeaders: ["host", "x-sdk-content-sha256", "x-sdk-date"],
        });
        return tampered(r, { body: JSON.stringify({ instance_ids: ["swapped"] }) });
      },
      /X-Sdk-Content-Sha256 is not the SHA-256 of the body/,
    ],
  ];

  it.each(refusals)("refuses %s with the gateway's 401", async (_, make, message) => {
    const jobs = mock.fleet.jobs().length;
    expectGateway401(await mustSend(mock.handlers, await make()), message);
    expect(mock.fleet.jobs().length).toBe(jobs);
  });

  it("checks X-Sdk-Date against the injected clock", async () => {
    const clock = () => Date.parse("2030-01-01T00:00:00Z");
    const late = createMockApi({ clock });
    expectGateway401(await mustSend(late.handlers, await signedRequest(op, body)), /more than 15 minutes/);
    expect((await mustSend(late.handlers, await signedRequest(op, body, { date: new Date(clock()) }))).status).toBe(
      202,
    );
  });
});

describe("tokens", () => {
  it("accepts the configured token and refuses another or none", async () => {
    const mock = createMockApi({ auth: { ...defaultMockCredentials, token: "custom-token" } });
    expect(
      (await mustSend(mock.handlers, jsonRequest(op, body, { headers: { "X-Auth-Token": "custom-token" } }))).status,
    ).toBe(202);
    expectGateway401(await mustSend(mock.handlers, jsonRequest(op, body)), /X-Auth-Token is not valid/);
    const bare = new Request(operationUrl(op), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expectGateway401(await mustSend(mock.handlers, bare), /neither an X-Auth-Token header nor/);
  });

  it("authenticates before validating: an unauthenticated invalid request gets 401, not 400", async () => {
    const mock = createMockApi();
    const request = new Request(operationUrl(op), {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "{",
    });
    expect((await mustSend(mock.handlers, request)).status).toBe(401);
  });

  it("auth: false lets any request through to validation", async () => {
    const mock = createMockApi({ auth: false });
    const request = new Request(operationUrl(op), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect((await mustSend(mock.handlers, request)).status).toBe(202);
  });
});
