// Authentication as the API Gateway does it, before the service sees the request: an IAM token
// in X-Auth-Token, or an AK/SK SDK-HMAC-SHA256 signature recomputed over the headers the request
// says it signed. Messages never repeat a token, key or signature.
import {
  canonicalRequest,
  CONTENT_SHA256_HEADER,
  EMPTY_BODY_SHA256,
  parseAuthorization,
  sha256Hex,
  stringToSign,
  verifyRequest,
} from "@dbupgrade/aksk";
import type { MockCredentials } from "./credentials.js";
import { specErrors } from "./errors.js";

/** What the server signed when it refused a signature (no key, no signature): for the docs console's debugger. */
export interface SignatureDebug {
  canonicalRequest: string;
  stringToSign: string;
}

export type AuthOutcome =
  | { ok: true; scheme: "token" | "aksk" }
  | { ok: false; message: string; signatureDebug?: SignatureDebug };

/** Response header carrying a refused signature's SignatureDebug (base64 of its JSON) when `debugSignatures` is on. */
export const SIGNATURE_DEBUG_HEADER = "X-Dbupgrade-Debug-Canonical-Request";

/** The canonical request and string to sign the server computed for a refused signature. */
async function signatureDebug(
  request: Pick<Request, "method" | "url" | "headers">,
  body: Uint8Array,
): Promise<SignatureDebug | undefined> {
  const parsed = parseAuthorization(request.headers.get("authorization")?.trim() ?? "");
  const sdkDate = request.headers.get("x-sdk-date")?.trim();
  if (!parsed || sdkDate === undefined) return undefined;
  try {
    const canonical = await canonicalRequest(
      { method: request.method, url: request.url, headers: request.headers, body },
      parsed.signedHeaders,
    );
    return { canonicalRequest: canonical, stringToSign: await stringToSign(sdkDate, canonical) };
  } catch {
    return undefined; // a signed header is missing: the message already says which
  }
}

const prefix = "Incorrect IAM authentication information: ";

const reasons = {
  missing: "the request has neither an X-Auth-Token header nor an SDK-HMAC-SHA256 Authorization header",
  malformed:
    "the Authorization header is not of the form 'SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...'",
  "unknown-access-key": "the access key is not known",
  "date-missing": "X-Sdk-Date is missing, unsigned or not of the form YYYYMMDDTHHMMSSZ",
  "date-skew": "X-Sdk-Date is more than 15 minutes away from the server time",
  "host-unsigned": "host is not listed in SignedHeaders (the signature must cover the host)",
  token: "the X-Auth-Token is not valid",
  payload: "X-Sdk-Content-Sha256 is not the SHA-256 of the body",
} as const;

/** Equality of two 64-character digests, looking at every character whatever the inputs. */
function digestsEqual(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < 64; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// The accepted token's digest, per credentials object (computed once).
const tokenDigests = new WeakMap<MockCredentials, Promise<string>>();

/**
 * Compares SHA-256 digests rather than the tokens themselves: both sides always have 64 characters,
 * so neither an early return on a length mismatch nor the loop's length reveals the token's length.
 */
async function tokenMatches(token: string, credentials: MockCredentials): Promise<boolean> {
  let expected = tokenDigests.get(credentials);
  if (expected === undefined) {
    expected = sha256Hex(credentials.token);
    tokenDigests.set(credentials, expected);
  }
  const [given, wanted] = await Promise.all([sha256Hex(token), expected]);
  return digestsEqual(given, wanted);
}

export async function authenticate(
  request: Pick<Request, "method" | "url" | "headers">,
  body: Uint8Array,
  credentials: MockCredentials,
  now: number,
  debugSignatures = false,
): Promise<AuthOutcome> {
  const token = request.headers.get("x-auth-token");
  if (token !== null) {
    return (await tokenMatches(token, credentials))
      ? { ok: true, scheme: "token" }
      : { ok: false, message: prefix + reasons.token };
  }
  const authorization = request.headers.get("authorization");
  if (authorization === null) return { ok: false, message: prefix + reasons.missing };

  const result = await verifyRequest(
    { method: request.method, url: request.url, headers: request.headers, body },
    (accessKey) => (accessKey === credentials.accessKey ? credentials.secretKey : undefined),
    { now: new Date(now) },
  );
  if (!result.ok) {
    if (result.reason === "signature-mismatch") {
      const debug = debugSignatures ? await signatureDebug(request, body) : undefined;
      return { ok: false, message: specErrors().gateway.error_msg, ...(debug ? { signatureDebug: debug } : {}) };
    }
    return { ok: false, message: prefix + reasons[result.reason] };
  }
  // The algorithm signs a declared X-Sdk-Content-Sha256 instead of the body (the SDKs send
  // UNSIGNED-PAYLOAD for non-JSON bodies). These APIs only take JSON, so a declared hash must be
  // the body's: otherwise the body could be swapped under a valid signature.
  const declared = request.headers.get(CONTENT_SHA256_HEADER);
  if (declared !== null) {
    const actual = body.byteLength === 0 ? EMPTY_BODY_SHA256 : await sha256Hex(body);
    if (declared.trim().toLowerCase() !== actual) return { ok: false, message: prefix + reasons.payload };
  }
  return { ok: true, scheme: "aksk" };
}
