// No secret in any form of any error: message, toString, toJSON/JSON.stringify, util.inspect (hidden
// properties included), stack, and every link of the cause chain, even when the server or a lower layer
// echoes the token, the keys or the Authorization header back.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DbUpgradeError, upgradeDdsInBatches, type DdsClient } from "../src/index.js";
import { anyClient, operationCases, projectId, requestExample } from "./support/spec.js";

const { api, operationId, meta } = operationCases.find((c) => c.api === "dds")!;
const body = requestExample(api, operationId);

const token = "tok-SECRET-9f8e7d6c5b4a39281706";
const accessKey = "AKSECRETACCESSKEY0001";
const secretKey = "sk-SECRET-0123456789abcdef0123";
const securityToken = "st-SECRET-temporary-session-777";

type Capture = { authorization: string | null; token: string | null };

/** Every text an error exposes, through every channel a log or a user might use. */
function errorForms(error: unknown): string[] {
  const forms = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)];
  let link: unknown = error;
  for (let depth = 0; link instanceof Error && depth < 10; depth++) {
    forms.push(
      link.message,
      link.toString(),
      link.stack ?? "",
      JSON.stringify(link),
      inspect(link, { showHidden: true }),
    );
    link = link.cause;
  }
  return forms;
}

function expectNoSecret(error: unknown, capture: Capture): void {
  expect(error).toBeInstanceOf(DbUpgradeError);
  const signature = capture.authorization?.match(/Signature=([0-9a-f]+)/)?.[1];
  const secrets = [token, accessKey, secretKey, securityToken, capture.authorization, capture.token, signature].filter(
    (s): s is string => !!s,
  );
  for (const form of errorForms(error)) {
    for (const secret of secrets) expect(form, `leaks ${secret.slice(0, 6)}…`).not.toContain(secret);
    expect(form).not.toMatch(/SDK-HMAC-SHA256 Access=/);
  }
}

/** Every secret the request carried, echoed in one text. */
const echo = (capture: Capture) =>
  `token=${capture.token} X-Auth-Token: ${capture.token} Authorization: ${capture.authorization} ak=${accessKey} sk=${secretKey} X-Security-Token: ${securityToken}`;

type Failure = (request: Request, capture: Capture) => Promise<Response>;

const failures: Record<string, Failure> = {
  "API error echoing secrets": async (_request, capture) =>
    Response.json(
      { error_code: "APIGW.0301", error_msg: echo(capture), request_id: "r-1" },
      { status: 401, headers: { "X-Request-Id": "r-1" } },
    ),
  "non-JSON error body echoing secrets": async (_request, capture) => new Response(echo(capture), { status: 502 }),
  "2xx body that is not JSON, echoing secrets": async (_request, capture) =>
    new Response(`{${echo(capture)}`, { status: meta.successStatus, headers: { "Content-Type": "application/json" } }),
  "network error whose cause chain quotes secrets": async (_request, capture) => {
    const inner = Object.assign(new Error(`socket ${echo(capture)}`), { code: "ECONNRESET" });
    throw new TypeError(`fetch failed ${echo(capture)}`, {
      cause: new Error(`connect ${echo(capture)}`, { cause: inner }),
    });
  },
  "connect-phase error quoting secrets": async (_request, capture) => {
    throw new TypeError("fetch failed", {
      cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${echo(capture)}`), { code: "ENOTFOUND" }),
    });
  },
  timeout: (request) =>
    new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
};

const authForms = {
  token: { token },
  "AK/SK with security token": { accessKey, secretKey, securityToken },
} as const;

describe.each(Object.entries(authForms))("%s auth", (_name, auth) => {
  it.each(Object.entries(failures))("%s", async (failure, respond) => {
    const capture: Capture = { authorization: null, token: null };
    const client = anyClient(api, {
      baseUrl: "https://secrets.test",
      projectId,
      auth,
      // Short only where the timeout is the failure under test: signing on a cold, busy machine can take longer.
      timeoutMs: failure === "timeout" ? 20 : 30_000,
      fetch: (request) => {
        capture.authorization = request.headers.get("Authorization");
        capture.token = request.headers.get("X-Auth-Token") ?? request.headers.get("X-Security-Token");
        return respond(request, capture);
      },
    });
    const error = await client[`${operationId}OrThrow`]!(body).catch((e: unknown) => e);
    expect(capture.authorization ?? capture.token).toBeTruthy();
    expectNoSecret(error, capture);
  });

  it("abort, and the batch report of failed instances", async () => {
    const capture: Capture = { authorization: null, token: null };
    const client = anyClient(api, {
      baseUrl: "https://secrets.test",
      projectId,
      auth,
      fetch: async (request) => {
        capture.authorization = request.headers.get("Authorization");
        capture.token = request.headers.get("X-Auth-Token") ?? request.headers.get("X-Security-Token");
        throw new TypeError(`fetch failed ${echo(capture)}`);
      },
    });
    expectNoSecret(
      await client[operationId]!(body, {
        signal: AbortSignal.abort(new Error(`aborted ${Object.values(auth).join(" ")}`)),
      }).catch((e: unknown) => e),
      capture,
    );
    const report = await upgradeDdsInBatches(client as unknown as DdsClient, ["a", "b"], {
      onProgress: () => {
        throw new Error(`progress ${echo(capture)}`);
      },
    });
    expect(report.counts.failed).toBe(2);
    const text = JSON.stringify(report) + inspect(report, { depth: 20 });
    for (const secret of [token, accessKey, secretKey, securityToken, capture.authorization!, capture.token!].filter(
      Boolean,
    ))
      expect(text).not.toContain(secret);
    for (const outcome of report.outcomes) if (outcome.status === "failed") expectNoSecret(outcome.error, capture);
  });
});

it("the client object holds no secret either", () => {
  const client = anyClient(api, {
    baseUrl: "https://secrets.test",
    projectId,
    auth: { accessKey, secretKey, securityToken },
  });
  const text = inspect(client, { depth: 6, showHidden: true }) + JSON.stringify(client);
  for (const secret of [accessKey, secretKey, securityToken]) expect(text).not.toContain(secret);
});
