// Properties over generated requests (unicode paths, queries and bodies): a signed request verifies,
// and any single tampering fails with the matching reason. Fixed seeds keep runs reproducible.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signRequest, verifyRequest, type VerifyResult } from "../src/index.js";

const SEED = 20240601;
const MAX_SKEW_MS = 15 * 60 * 1000;
const RESERVED_HEADERS = new Set([
  "authorization",
  "host",
  "x-sdk-date",
  "x-project-id",
  "x-security-token",
  "x-sdk-content-sha256",
  "content-type",
]);

type Pair = [string, string];
interface Case {
  method: string;
  host: string;
  segments: string[];
  query: Pair[];
  plusForSpaces: boolean;
  headers: Pair[];
  body: Uint8Array;
  date: Date;
  accessKey: string;
  secretKey: string;
  projectId: string | undefined;
}

const unicodeText = (maxLength: number) => fc.string({ unit: "grapheme", maxLength });
const headerName = fc
  .stringMatching(/^[A-Za-z0-9-]{1,12}$/)
  .filter((name) => !RESERVED_HEADERS.has(name.toLowerCase()));
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,24}$/);

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "post"),
  host: fc.constantFrom(
    "dds.ap-southeast-1.myhuaweicloud.com",
    "127.0.0.1:4010",
    "gaussdb.cn-east-4.myhuaweicloud.com",
  ),
  segments: fc.array(unicodeText(8), { maxLength: 5 }),
  query: fc.array(fc.tuple(unicodeText(6), unicodeText(6)), { maxLength: 5 }),
  plusForSpaces: fc.boolean(),
  headers: fc.uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 5,
    selector: ([name]) => name.toLowerCase(),
  }),
  body: fc.oneof(
    unicodeText(40).map((text) => new TextEncoder().encode(text)),
    fc.uint8Array({ maxLength: 64 }),
  ),
  date: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }),
  accessKey: fc.stringMatching(/^[A-Za-z0-9]{1,32}$/),
  secretKey: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  projectId: fc.option(fc.stringMatching(/^[a-f0-9]{32}$/), { nil: undefined }),
});

function encodeQuery(query: Pair[], plusForSpaces: boolean): string {
  if (plusForSpaces) return new URLSearchParams(query).toString();
  return query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

function urlOf(c: Case): string {
  const query = encodeQuery(c.query, c.plusForSpaces);
  return `https://${c.host}/${c.segments.map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
}

/** What a server sees: the URL as the client's parser serialised it, the headers with the signature added. */
async function signAndTransmit(c: Case) {
  const url = urlOf(c);
  const request = { method: c.method, url, headers: Object.fromEntries(c.headers), body: c.body };
  const added = await signRequest(
    request,
    { accessKey: c.accessKey, secretKey: c.secretKey },
    { date: c.date, projectId: c.projectId },
  );
  const parsed = new URL(url);
  return {
    method: c.method,
    url: `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}`,
    headers: { ...request.headers, ...added } as Record<string, string>,
    body: c.body,
  };
}

const lookupFor = (c: Case) => (accessKey: string) => (accessKey === c.accessKey ? c.secretKey : undefined);

function expectReason(result: VerifyResult, reason: string): void {
  expect(result.ok ? "ok" : result.reason).toBe(reason);
}

const runs = (numRuns: number) => ({ seed: SEED, numRuns });

describe("sign then verify", () => {
  it("verifies any signed request within the allowed skew", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.integer({ min: -MAX_SKEW_MS, max: MAX_SKEW_MS }), async (c, skewMs) => {
        const sent = await signAndTransmit(c);
        // X-Sdk-Date has whole seconds: the skew is measured from the truncated signing time.
        const signedAt = Math.floor(c.date.getTime() / 1000) * 1000;
        const result = await verifyRequest(sent, lookupFor(c), { now: new Date(signedAt + skewMs) });
        expect(result).toEqual({ ok: true, accessKey: c.accessKey });
      }),
      runs(150),
    );
  });
});

describe("any single tampering fails with the right reason", () => {
  it("a body byte changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary.filter((c) => c.body.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (c, at, xor) => {
          const sent = await signAndTransmit(c);
          const body = sent.body.slice();
          body[at % body.length]! ^= xor;
          expectReason(await verifyRequest({ ...sent, body }, lookupFor(c), { now: c.date }), "signature-mismatch");
        },
      ),
      runs(40),
    );
  });

  it("the path changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary,
        unicodeText(4).filter((s) => s.length > 0),
        async (c, extra) => {
          const sent = await signAndTransmit(c);
          const url = new URL(sent.url);
          url.pathname += encodeURIComponent(extra);
          expectReason(
            await verifyRequest({ ...sent, url: url.href }, lookupFor(c), { now: c.date }),
            "signature-mismatch",
          );
        },
      ),
      runs(40),
    );
  });

  it("a query value changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary.filter((c) => c.query.length > 0),
        fc.nat(),
        unicodeText(3).filter((s) => s.length > 0),
        async (c, at, extra) => {
          const sent = await signAndTransmit(c);
          const query = c.query.map(([k, v]): Pair => [k, v]);
          const pair = query[at % query.length]!;
          pair[1] += extra;
          const url = new URL(sent.url);
          url.search = encodeQuery(query, c.plusForSpaces);
          expectReason(
            await verifyRequest({ ...sent, url: url.href }, lookupFor(c), { now: c.date }),
            "signature-mismatch",
          );
        },
      ),
      runs(40),
    );
  });

  it("a signed header value changed", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.nat(), async (c, at) => {
        const sent = await signAndTransmit(c);
        const signedNames = [
          ...c.headers.map(([name]) => name),
          "X-Sdk-Date",
          "Host",
          ...(c.projectId ? ["X-Project-Id"] : []),
        ];
        const name = signedNames[at % signedNames.length]!;
        const headers = { ...sent.headers };
        if (name === "X-Sdk-Date") {
          headers[name] = headers[name]!.replace(/\d(Z)$/, (digit) => `${(Number(digit[0]) + 1) % 10}Z`);
        } else {
          headers[name] = `${headers[name] ?? new URL(sent.url).host}x`;
        }
        expectReason(await verifyRequest({ ...sent, headers }, lookupFor(c), { now: c.date }), "signature-mismatch");
      }),
      runs(60),
    );
  });

  it("the method changed", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.constantFrom("HEAD", "OPTIONS", "TRACE"), async (c, method) => {
        const sent = await signAndTransmit(c);
        expectReason(await verifyRequest({ ...sent, method }, lookupFor(c), { now: c.date }), "signature-mismatch");
      }),
      runs(20),
    );
  });

  it("the date is beyond the allowed skew, either way", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary,
        fc.integer({ min: 0, max: 10 * 24 * 3600 * 1000 }),
        fc.boolean(),
        async (c, beyond, late) => {
          const sent = await signAndTransmit(c);
          const offset = (MAX_SKEW_MS + 1000 + beyond) * (late ? 1 : -1);
          expectReason(
            await verifyRequest(sent, lookupFor(c), { now: new Date(c.date.getTime() + offset) }),
            "date-skew",
          );
        },
      ),
      runs(40),
    );
  });

  it("the server holds a different secret key", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary,
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
        async (c, otherSecret) => {
          fc.pre(otherSecret !== c.secretKey);
          const sent = await signAndTransmit(c);
          expectReason(await verifyRequest(sent, () => otherSecret, { now: c.date }), "signature-mismatch");
        },
      ),
      runs(40),
    );
  });

  it("the access key is replaced: unknown to the server, or known with another secret", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.stringMatching(/^[A-Za-z0-9]{1,32}$/), async (c, otherKey) => {
        fc.pre(otherKey !== c.accessKey);
        const sent = await signAndTransmit(c);
        const headers = {
          ...sent.headers,
          Authorization: sent.headers.Authorization!.replace(`Access=${c.accessKey},`, `Access=${otherKey},`),
        };
        expectReason(await verifyRequest({ ...sent, headers }, lookupFor(c), { now: c.date }), "unknown-access-key");
        const bothKnown = (ak: string) => (ak === otherKey ? `${c.secretKey}-other` : lookupFor(c)(ak));
        expectReason(await verifyRequest({ ...sent, headers }, bothKnown, { now: c.date }), "signature-mismatch");
      }),
      runs(40),
    );
  });

  it("a signed header is removed", async () => {
    await fc.assert(
      fc.asyncProperty(
        caseArbitrary.filter((c) => c.headers.length > 0),
        fc.nat(),
        async (c, at) => {
          const sent = await signAndTransmit(c);
          const headers = { ...sent.headers };
          delete headers[c.headers[at % c.headers.length]![0]];
          expectReason(await verifyRequest({ ...sent, headers }, lookupFor(c), { now: c.date }), "signature-mismatch");
        },
      ),
      runs(30),
    );
  });
});
