// What a hostile or broken server can put in front of the client: a 10 MB error text, a quoted bare
// signature, a response header echoing the token, a project id that is a dot segment, and Retry-After
// values that are not numbers of seconds. Each gets a bounded, redacted error or a clear refusal.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  DbUpgradeApiError,
  parseRetryAfter,
  retryDelay,
  upgradeDdsInBatches,
  type DdsClient,
  type RetryPolicy,
} from "../src/index.js";
import { resolveRetryPolicy } from "../src/batch/retry.js";
import { anyClient, operationCases, projectId, requestExample } from "./support/spec.js";

const { api, operationId } = operationCases.find((c) => c.api === "dds")!;
const body = requestExample(api, operationId);
const token = "tok-HOSTILE-1234567890abcdef";
const aksk = { accessKey: "AKHOSTILEACCESSKEY01", secretKey: "sk-HOSTILE-0123456789abcdef0123" };

/** Every form an error's text reaches a log through, hidden properties included. */
const forms = (error: unknown) => [
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 20, showHidden: true }),
  (error as Error).stack ?? "",
];

async function failWith(auth: object, respond: (request: Request) => Response) {
  let seen: Request | undefined;
  const client = anyClient(api, {
    baseUrl: "https://hostile.test",
    projectId,
    auth: auth as never,
    fetch: async (request) => {
      seen = request;
      return respond(request);
    },
  });
  const error = await client[`${operationId}OrThrow`]!(body).catch((e: unknown) => e);
  return { error: error as DbUpgradeApiError, request: seen!, client };
}

describe("error texts are bounded", () => {
  it("a 400 with a 10 MB error_msg gives a message of a few KB that says it was cut", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const { error } = await failWith({ token }, () =>
      Response.json({ error_code: "DBS.200001", error_msg: huge }, { status: 400 }),
    );
    expect(error).toBeInstanceOf(DbUpgradeApiError);
    expect(error.message.length).toBeLessThan(5_000);
    expect(error.errorMsg!.length).toBeLessThan(2_100);
    expect(error.errorMsg).toMatch(/\[cut: 10485760 characters\]$/);
    for (const form of forms(error)) expect(form.length).toBeLessThan(20_000);
  });

  it("a huge error_code and X-Request-Id are cut too", async () => {
    const { error } = await failWith({ token }, () =>
      Response.json(
        { error_code: "C".repeat(100_000), error_msg: "m" },
        { status: 400, headers: { "X-Request-Id": "r".repeat(100_000) } },
      ),
    );
    expect(error, String(error)).toBeInstanceOf(DbUpgradeApiError);
    expect(error.errorCode!.length).toBeLessThan(300);
    expect(error.requestId!.length).toBeLessThan(300);
    expect(error.message.length).toBeLessThan(5_000);
  });

  it("a token that straddles the cut is redacted whole, not half-kept", async () => {
    const { error } = await failWith({ token }, () =>
      Response.json({ error_code: "E", error_msg: `${"x".repeat(1995)}${token}` }, { status: 400 }),
    );
    for (const form of forms(error)) expect(form).not.toContain(token.slice(0, 5));
  });
});

describe("secrets a server quotes back", () => {
  it("a 400 quoting only the 64-hex signature: not in message, String, JSON, inspect or the batch report", async () => {
    const respond = (request: Request) => {
      const signature = /Signature=([0-9a-f]{64})/.exec(request.headers.get("Authorization") ?? "")![1]!;
      return Response.json({ error_code: "DBS.200001", error_msg: `bad request signed ${signature}` }, { status: 400 });
    };
    const { error, request, client } = await failWith(aksk, respond);
    const signature = /Signature=([0-9a-f]{64})/.exec(request.headers.get("Authorization")!)![1]!;
    for (const form of [...forms(error), error.message, error.errorMsg!]) expect(form).not.toContain(signature);
    expect(error.errorMsg).toContain("bad request signed [REDACTED]");

    const signatures: string[] = [];
    const batchClient = anyClient(api, {
      baseUrl: "https://hostile.test",
      projectId,
      auth: aksk,
      fetch: async (r) => {
        signatures.push(/Signature=([0-9a-f]{64})/.exec(r.headers.get("Authorization")!)![1]!);
        return respond(r);
      },
    });
    const report = await upgradeDdsInBatches(batchClient as unknown as DdsClient, ["a", "b"]);
    expect(report.outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    const text = JSON.stringify(report) + inspect(report, { depth: 20, showHidden: true });
    for (const s of signatures) expect(text).not.toContain(s);
    void client;
  });

  it("a response header echoing the token stays out of err.response under inspect({ showHidden: true })", async () => {
    const { error } = await failWith({ token }, (request) =>
      Response.json(
        { error_code: "APIGW.0301", error_msg: "bad token", request_id: "r-1" },
        {
          status: 401,
          headers: {
            "X-Request-Id": "r-1",
            "X-Echo": `you sent ${request.headers.get("X-Auth-Token")}`,
            "X-Auth-Token": request.headers.get("X-Auth-Token")!,
          },
        },
      ),
    );
    expect(inspect(error, { showHidden: true, depth: 20 })).not.toContain(token);
    expect(inspect(error.response, { showHidden: true, depth: 20 })).not.toContain(token);
    // What a caller needs from the response survives: status and the other headers.
    expect(error.response?.status).toBe(401);
    expect(error.response?.headers.get("X-Request-Id")).toBe("r-1");
    expect(error.response?.headers.get("X-Auth-Token")).toBe("[REDACTED]");
    expect(error.response?.headers.get("X-Echo")).toBe("you sent [REDACTED]");
  });
});

describe("projectId", () => {
  it.each([".", ".."])("refuses %j, which would change the request path, before sending anything", (bad) => {
    let sent = 0;
    expect(() =>
      anyClient(api, {
        baseUrl: "https://hostile.test",
        projectId: bad,
        auth: { token },
        fetch: async () => {
          sent++;
          return new Response(null, { status: 500 });
        },
      }),
    ).toThrow(/projectId must not be "\." or "\.\."/);
    expect(sent).toBe(0);
  });
});

describe("Retry-After", () => {
  const now = Date.UTC(2026, 0, 1);

  it.each(["-1", "-5", "1.5", "+3", "1e3", "0x10", "Nov 6 1994"])(
    "%j is not a delay: undefined, not a date in the past",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );

  it("the three HTTP-date forms and delta-seconds still read", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter("Thursday, 01-Jan-26 00:00:09 GMT", now)).toBe(9000);
    expect(parseRetryAfter("Thu Jan  1 00:00:04 2026", now)).toBe(4000);
  });

  it("a 503 with Retry-After: -1 is not retried at once (nor at all)", () => {
    const policy = resolveRetryPolicy({ random: () => 0.5, now: () => now } satisfies RetryPolicy)!;
    const error = new DbUpgradeApiError(
      { status: 503, errorCode: undefined, errorMsg: undefined, requestId: undefined },
      { api, operationId },
      { response: new Response(null, { status: 503, headers: { "Retry-After": "-1" } }) },
    );
    expect(retryDelay(error, 1, policy)).toBeUndefined();
  });
});
