// Server side: check an SDK-HMAC-SHA256 Authorization the way API Gateway does.
import { parseAuthorization } from "./authorization.js";
import { canonicalRequest, stringToSign } from "./canonical.js";
import { hmacSha256Hex } from "./digest.js";
import { hostOf, normalizeHeaders, parseRequestUrl, type SignableRequest } from "./request.js";
import { parseSdkDate } from "./sdk-date.js";

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export type VerifyFailureReason =
  | "missing"
  | "malformed"
  | "unknown-access-key"
  | "date-missing"
  | "host-unsigned"
  | "date-skew"
  | "signature-mismatch";

export type VerifyResult =
  | { ok: true; accessKey: string }
  | { ok: false; reason: VerifyFailureReason; message: string };

export interface VerifyOptions {
  /** The server's clock; default now. */
  now?: Date | undefined;
  /** Largest allowed distance between X-Sdk-Date and `now`, either way; default 15 minutes. */
  maxSkewMs?: number | undefined;
}

/** Returns the secret key of an access key, or undefined when the key is unknown. */
export type SecretLookup = (accessKey: string) => string | undefined | Promise<string | undefined>;

/** Equal-length comparison that always looks at every character, so timing does not reveal a prefix. */
function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

function fail(reason: VerifyFailureReason, message: string): VerifyResult {
  return { ok: false, reason, message };
}

/**
 * Verifies the Authorization of a request: strict header syntax, a known access key, a signed
 * X-Sdk-Date within `maxSkewMs` of `now`, every signed header present, and the signature recomputed
 * over exactly the listed SignedHeaders. Messages never contain the access key, the secret key or the
 * expected signature.
 * Note that `x-sdk-date` and `host` must be among the signed headers, as the gateway requires: a request
 * whose date is unsigned is `date-missing`, one whose host is unsigned is `host-unsigned` (otherwise a
 * signature made for one host would be accepted with any other `Host`).
 */
export async function verifyRequest(
  request: SignableRequest,
  lookupSecret: SecretLookup,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const headers = normalizeHeaders(request.headers);
  const authorization = headers.get("authorization");
  if (authorization === undefined || authorization.trim() === "") {
    return fail("missing", "the request has no Authorization header");
  }
  const parsed = parseAuthorization(authorization.trim());
  if (!parsed) {
    return fail(
      "malformed",
      "the Authorization header is not of the form 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=<64 hex>' with sorted lower-case header names",
    );
  }
  const secretKey = await lookupSecret(parsed.accessKey);
  // An empty secret is treated as unknown: WebCrypto refuses zero-length HMAC keys, and no real key is empty.
  if (secretKey === undefined || secretKey === "") {
    return fail("unknown-access-key", "the access key in Authorization is not known");
  }

  const sdkDateValue = headers.get("x-sdk-date")?.trim();
  if (sdkDateValue === undefined || !parsed.signedHeaders.includes("x-sdk-date")) {
    return fail("date-missing", "X-Sdk-Date must be sent and listed in SignedHeaders");
  }
  const sdkDate = parseSdkDate(sdkDateValue);
  if (!sdkDate) {
    return fail("date-missing", "X-Sdk-Date is not of the form YYYYMMDDTHHMMSSZ");
  }
  if (!parsed.signedHeaders.includes("host")) {
    return fail(
      "host-unsigned",
      "host must be listed in SignedHeaders: a signature that does not cover the host is valid for any host",
    );
  }
  const now = options.now ?? new Date();
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const skewMs = sdkDate.getTime() - now.getTime();
  if (Math.abs(skewMs) > maxSkewMs) {
    return fail(
      "date-skew",
      `X-Sdk-Date ${sdkDateValue} is ${Math.abs(skewMs) / 1000} s ${skewMs > 0 ? "ahead of" : "behind"} the server clock (at most ${maxSkewMs / 1000} s allowed)`,
    );
  }

  const url = parseRequestUrl(request.url);
  for (const name of parsed.signedHeaders) {
    const present = name === "host" ? hostOf(headers, url) !== "" : headers.has(name);
    if (!present) return fail("signature-mismatch", `signed header "${name}" is not in the request`);
  }

  const canonical = await canonicalRequest({ ...request, headers }, parsed.signedHeaders);
  const expected = await hmacSha256Hex(secretKey, await stringToSign(sdkDateValue, canonical));
  if (!constantTimeEqual(expected, parsed.signature)) {
    return fail(
      "signature-mismatch",
      `the signature does not match the request (method, path, query, signed headers ${parsed.signedHeaders.join(";")} and body)`,
    );
  }
  return { ok: true, accessKey: parsed.accessKey };
}
