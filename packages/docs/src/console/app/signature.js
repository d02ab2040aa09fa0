// The AK/SK signature of a sent request, step by step, with @dbupgrade/aksk's own functions (the
// ones the client signed with and the mock verifies with), and the comparison with what the mock
// computed when it refused the signature.
import { canonicalRequest, hmacSha256Hex, parseAuthorization, sha256Hex, stringToSign } from "@dbupgrade/aksk";

/** @typedef {import("./send.js").SentRequest} SentRequest */
/**
 * @typedef {{ accessKey: string, signedHeaders: string[], canonicalRequest: string, canonicalHash: string,
 *   stringToSign: string, signature: string, recomputed: string }} SignatureSteps
 * @typedef {{ part: string, page: string, server: string, same: boolean }} ComparedLine
 */

/** Response header of the local mock with the canonical request of a refused signature. */
export const signatureDebugHeader = "x-dbupgrade-debug-canonical-request";

/**
 * @param {SentRequest} sent
 * @param {string} secretKey kept in memory only: used to show that HMAC(secret, string to sign) is the signature sent
 * @returns {Promise<SignatureSteps | null>} null when the request carries no SDK-HMAC-SHA256 Authorization
 */
export async function signatureSteps(sent, secretKey) {
  const authorization = sent.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1];
  const sdkDate = sent.headers.find(([name]) => name.toLowerCase() === "x-sdk-date")?.[1];
  const parsed = authorization ? parseAuthorization(authorization) : null;
  if (!parsed || !sdkDate) return null;
  const canonical = await canonicalRequest(
    { method: sent.method, url: sent.url, headers: sent.headers, body: sent.body ?? undefined },
    parsed.signedHeaders,
  );
  const toSign = await stringToSign(sdkDate, canonical);
  return {
    accessKey: parsed.accessKey,
    signedHeaders: parsed.signedHeaders,
    canonicalRequest: canonical,
    canonicalHash: await sha256Hex(canonical),
    stringToSign: toSign,
    signature: parsed.signature,
    recomputed: await hmacSha256Hex(secretKey, toSign),
  };
}

/**
 * What the mock computed, from its debug header (base64 JSON), or null.
 * @param {[string, string][]} headers
 * @returns {{ canonicalRequest: string, stringToSign: string } | null}
 */
export function serverSignatureDebug(headers) {
  const value = headers.find(([name]) => name.toLowerCase() === signatureDebugHeader)?.[1];
  if (!value) return null;
  try {
    const parsed = JSON.parse(atob(value));
    return typeof parsed?.canonicalRequest === "string" && typeof parsed?.stringToSign === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Names the lines of a canonical request: method, URI, query, one per signed header, the blank
 * line ending the headers, the signed header list, the payload hash.
 * @param {string[]} lines
 */
function canonicalParts(lines) {
  const blank = lines.indexOf("", 3);
  return lines.map((line, i) => {
    if (i === 0) return "HTTP method";
    if (i === 1) return "canonical URI";
    if (i === 2) return "canonical query string";
    if (blank === -1 || i < blank) return `header ${line.split(":")[0]}`;
    if (i === blank) return "end of headers";
    if (i === blank + 1) return "signed headers";
    return "payload hash (SHA-256 of the body)";
  });
}

const stringToSignParts = ["algorithm", "X-Sdk-Date", "SHA-256 of the canonical request"];

/**
 * Line by line: the page's canonical request and string to sign next to the server's.
 * @param {{ canonicalRequest: string, stringToSign: string, signature?: string }} page
 * @param {{ canonicalRequest: string, stringToSign: string }} server
 * @returns {{ lines: ComparedLine[], summary: string, sameCanonical: boolean }}
 */
export function compareSignatures(page, server) {
  const pageLines = page.canonicalRequest.split("\n");
  const serverLines = server.canonicalRequest.split("\n");
  const parts = canonicalParts(pageLines.length >= serverLines.length ? pageLines : serverLines);
  /** @type {ComparedLine[]} */
  const lines = [];
  for (let i = 0; i < Math.max(pageLines.length, serverLines.length); i++) {
    const p = pageLines[i] ?? "(no line)";
    const s = serverLines[i] ?? "(no line)";
    lines.push({
      part: `canonical request line ${i + 1}: ${parts[i] ?? "extra line"}`,
      page: p,
      server: s,
      same: p === s,
    });
  }
  const pageSts = page.stringToSign.split("\n");
  const serverSts = server.stringToSign.split("\n");
  for (let i = 0; i < Math.max(pageSts.length, serverSts.length); i++) {
    const p = pageSts[i] ?? "(no line)";
    const s = serverSts[i] ?? "(no line)";
    lines.push({
      part: `string to sign line ${i + 1}: ${stringToSignParts[i] ?? "extra line"}`,
      page: p,
      server: s,
      same: p === s,
    });
  }
  const sameCanonical = page.canonicalRequest === server.canonicalRequest && page.stringToSign === server.stringToSign;
  if (sameCanonical) {
    lines.push({
      part: "signature: HMAC-SHA256(secret key, string to sign)",
      page: page.signature ?? "(sent)",
      server: "refused (a server never reveals its own)",
      same: false,
    });
    return {
      lines,
      sameCanonical,
      summary:
        "The server signed exactly the same canonical request and string to sign, yet refused the signature: the secret key differs from the one the server holds for this access key.",
    };
  }
  const differing = lines.filter((line) => !line.same).map((line) => line.part);
  return {
    lines,
    sameCanonical,
    summary: `The server computed a different ${differing.length === 1 ? "line" : "lines"}: ${differing.join("; ")}.`,
  };
}
