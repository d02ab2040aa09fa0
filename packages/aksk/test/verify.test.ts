// verifyRequest: each failure reason, the messages, and the inputs a Node server hands it.
import { describe, expect, it } from "vitest";
import {
  formatAuthorization,
  parseAuthorization,
  signRequest,
  verifyRequest,
  type SignableRequest,
} from "../src/index.js";

const AK = "DBUPGRADELOCALAK0000";
const SK = "dbupgrade-local-secret-key";
const lookup = (accessKey: string) => (accessKey === AK ? SK : undefined);
const signedAt = new Date("2024-06-01T12:00:00Z");
const request: SignableRequest = {
  method: "POST",
  url: "http://127.0.0.1:4010/dds/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances/db-upgrade",
  headers: { "content-type": "application/json", host: "127.0.0.1:4010" },
  body: '{"instance_ids":["046287aae57843b1a7bc61b7a8812f41in02"]}',
};

async function signed(overrides: Partial<SignableRequest> = {}, signAs = { accessKey: AK, secretKey: SK }) {
  const base = { ...request, ...overrides };
  const added = await signRequest(base, signAs, { date: signedAt, projectId: "619d3e78f61b4be68bc5aa0b59edcf7b" });
  return { ...base, headers: { ...(base.headers as Record<string, string>), ...added } };
}

function withHeader(req: SignableRequest, name: string, value: string | undefined): SignableRequest {
  const headers = { ...(req.headers as Record<string, string>) };
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  if (value !== undefined) headers[name] = value;
  return { ...req, headers };
}

describe("verifyRequest", () => {
  it("accepts a signed request and names the access key", async () => {
    expect(await verifyRequest(await signed(), lookup, { now: signedAt })).toEqual({ ok: true, accessKey: AK });
  });

  it("accepts Node's IncomingHttpHeaders shape (lower-case names, arrays) and an async secret lookup", async () => {
    const req = await signed();
    const nodeHeaders = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const result = await verifyRequest(
      { ...req, headers: { ...nodeHeaders, "x-unsigned": ["a", "b"] } },
      async (ak) => lookup(ak),
      {
        now: signedAt,
      },
    );
    expect(result.ok).toBe(true);
  });

  it("missing: no Authorization header, or an empty one", async () => {
    const req = await signed();
    for (const value of [undefined, "", "   "]) {
      const result = await verifyRequest(withHeader(req, "Authorization", value), lookup, { now: signedAt });
      expect(result).toMatchObject({ ok: false, reason: "missing" });
    }
  });

  it("malformed: not the strict SDK-HMAC-SHA256 form", async () => {
    const req = await signed();
    const auth = (req.headers as Record<string, string>).Authorization!;
    for (const value of [
      "Bearer x",
      auth.replace(", Signature", ",Signature"),
      auth.replace("SignedHeaders=host;", "SignedHeaders=HOST;"),
    ]) {
      expect(await verifyRequest(withHeader(req, "Authorization", value), lookup, { now: signedAt })).toMatchObject({
        reason: "malformed",
      });
    }
  });

  it("unknown-access-key, also when the lookup gives an empty secret", async () => {
    const result = await verifyRequest(await signed({}, { accessKey: "SOMEONEELSE", secretKey: SK }), lookup, {
      now: signedAt,
    });
    expect(result).toMatchObject({ ok: false, reason: "unknown-access-key" });
    expect(result.ok || result.message).not.toContain("SOMEONEELSE");
    expect(await verifyRequest(await signed(), () => "", { now: signedAt })).toMatchObject({
      reason: "unknown-access-key",
    });
  });

  it("date-missing: no X-Sdk-Date, an unreadable one, or one left out of SignedHeaders", async () => {
    const req = await signed();
    expect(await verifyRequest(withHeader(req, "X-Sdk-Date", undefined), lookup, { now: signedAt })).toMatchObject({
      reason: "date-missing",
    });
    expect(
      await verifyRequest(withHeader(req, "X-Sdk-Date", "2024-06-01T12:00:00Z"), lookup, { now: signedAt }),
    ).toMatchObject({
      reason: "date-missing",
    });
    const parsed = parseAuthorization((req.headers as Record<string, string>).Authorization!)!;
    const withoutDate = formatAuthorization(
      AK,
      parsed.signedHeaders.filter((h) => h !== "x-sdk-date"),
      parsed.signature,
    );
    expect(await verifyRequest(withHeader(req, "Authorization", withoutDate), lookup, { now: signedAt })).toMatchObject(
      {
        reason: "date-missing",
      },
    );
  });

  it("host-unsigned: a valid signature over SignedHeaders=x-sdk-date only is refused, for the signed host and any other", async () => {
    // Properly signed, but without host: before the fix it verified with Host: evil.example too.
    const unsignedHost = await signed({ headers: { "content-type": "application/json" } });
    const added = await signRequest(
      { ...request, headers: { "content-type": "application/json" } },
      { accessKey: AK, secretKey: SK },
      { date: signedAt, signedHeaders: [] },
    );
    expect(parseAuthorization(added.Authorization)?.signedHeaders).toEqual(["x-sdk-date"]);
    const dateOnly = { ...unsignedHost, headers: { "content-type": "application/json", ...added } };
    for (const host of ["127.0.0.1:4010", "evil.example"]) {
      const result = await verifyRequest(withHeader(dateOnly, "Host", host), lookup, { now: signedAt });
      expect(result).toMatchObject({ ok: false, reason: "host-unsigned" });
    }
    // With host signed, another Host is a mismatch.
    const req = await signed();
    expect(await verifyRequest(withHeader(req, "host", "evil.example"), lookup, { now: signedAt })).toMatchObject({
      reason: "signature-mismatch",
    });
  });

  it("date-skew: more than maxSkewMs either way; the boundary itself is accepted", async () => {
    const req = await signed();
    const at = (ms: number) => new Date(signedAt.getTime() + ms);
    const fifteenMinutes = 15 * 60 * 1000;
    expect((await verifyRequest(req, lookup, { now: at(fifteenMinutes) })).ok).toBe(true);
    expect((await verifyRequest(req, lookup, { now: at(-fifteenMinutes) })).ok).toBe(true);
    expect(await verifyRequest(req, lookup, { now: at(fifteenMinutes + 1000) })).toMatchObject({ reason: "date-skew" });
    expect(await verifyRequest(req, lookup, { now: at(-fifteenMinutes - 1000) })).toMatchObject({
      reason: "date-skew",
    });
    expect(await verifyRequest(req, lookup, { now: at(61_000), maxSkewMs: 60_000 })).toMatchObject({
      reason: "date-skew",
    });
  });

  it("signature-mismatch: a signed header removed, or anything signed changed", async () => {
    const req = await signed();
    expect(await verifyRequest(withHeader(req, "X-Project-Id", undefined), lookup, { now: signedAt })).toMatchObject({
      reason: "signature-mismatch",
      message: expect.stringContaining("x-project-id"),
    });
    expect(await verifyRequest({ ...req, body: req.body + " " }, lookup, { now: signedAt })).toMatchObject({
      reason: "signature-mismatch",
    });
    expect(await verifyRequest({ ...req, method: "PUT" }, lookup, { now: signedAt })).toMatchObject({
      reason: "signature-mismatch",
    });
    expect(await verifyRequest(withHeader(req, "Host", "127.0.0.1:4011"), lookup, { now: signedAt })).toMatchObject({
      reason: "signature-mismatch",
    });
    expect(
      await verifyRequest(await signed({}, { accessKey: AK, secretKey: "wrong" }), lookup, { now: signedAt }),
    ).toMatchObject({
      reason: "signature-mismatch",
    });
  });

  it("an unsigned header may change in transit", async () => {
    const req = await signed();
    expect((await verifyRequest(withHeader(req, "Content-Type", "text/plain"), lookup, { now: signedAt })).ok).toBe(
      true,
    );
  });

  it("never puts the keys or the expected signature in a message", async () => {
    const good = await signed();
    const expectedSignature = parseAuthorization((good.headers as Record<string, string>).Authorization!)!.signature;
    const bad = await signed({ body: "{}" });
    const forged = withHeader(
      bad,
      "Authorization",
      (good.headers as Record<string, string>).Authorization!.replace(expectedSignature, "0".repeat(64)),
    );
    const results = await Promise.all([
      verifyRequest(forged, lookup, { now: signedAt }),
      verifyRequest(good, lookup, { now: new Date(0) }),
      verifyRequest({ ...good, body: "{}" }, lookup, { now: signedAt }),
      verifyRequest(good, () => undefined, { now: signedAt }),
      verifyRequest(withHeader(good, "X-Project-Id", undefined), lookup, { now: signedAt }),
    ]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.message).not.toContain(SK);
      expect(result.message).not.toContain(AK);
      expect(result.message).not.toContain(expectedSignature);
      expect(result.message).not.toMatch(/[0-9a-f]{16}/);
    }
  });
});
