// The canonical request and string to sign of SDK-HMAC-SHA256 (Huawei Cloud signing guide, and the
// Go/Java/Python/Node SDK signers).
import { compareBytes, percentDecodeToBytes, percentEncodeBytes } from "./bytes.js";
import { currentHashEngine, isEmptyInput } from "./digest.js";
import { hostOf, normalizeHeaders, parseRequestUrl, type HeaderMap, type SignableRequest } from "./request.js";

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const SDK_DATE_HEADER = "X-Sdk-Date";
export const CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";

/**
 * Each `/`-separated segment is percent-decoded to bytes and re-encoded, so an already-encoded path
 * (`%20`, `%2f`) is not double-encoded and comes out as its one canonical form (`%20`, `%2F`).
 * This is the Python SDK's unquote-then-quote; Go and Node escape the decoded / raw path and agree
 * with it on every path without `%`. A trailing `/` is always added.
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => percentEncodeBytes(percentDecodeToBytes(segment, false)))
    .join("/");
  if (encoded === "") return "/";
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/**
 * `search` is the raw query (with or without the leading `?`). Pairs are split on `&` and the first `=`,
 * `+` means a space (form encoding, as Go's url.ParseQuery reads it), keys sort bytewise over their
 * decoded bytes, the values of a repeated key sort bytewise too, and both are re-encoded with the same
 * escaper as the path. `k` without `=` is `k=`.
 */
export function canonicalQueryString(search: string): string {
  const query = search.startsWith("?") ? search.slice(1) : search;
  const pairs: Array<{ key: Uint8Array; value: Uint8Array }> = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? "" : part.slice(equals + 1);
    pairs.push({ key: percentDecodeToBytes(rawKey, true), value: percentDecodeToBytes(rawValue, true) });
  }
  pairs.sort((a, b) => compareBytes(a.key, b.key) || compareBytes(a.value, b.value));
  return pairs.map(({ key, value }) => `${percentEncodeBytes(key)}=${percentEncodeBytes(value)}`).join("&");
}

// Header values are trimmed of HTTP whitespace only; what lies between is signed as sent.
function trimHeaderValue(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

/** Lower-cases, de-duplicates and sorts header names: the SignedHeaders order. */
export function sortSignedHeaders(names: Iterable<string>): string[] {
  return [...new Set([...names].map((name) => name.toLowerCase()))].sort();
}

/** Thrown when a header that has to be signed is not in the request. */
export class MissingSignedHeaderError extends Error {
  override readonly name = "MissingSignedHeaderError";
  constructor(readonly header: string) {
    super(`@dbupgrade/aksk: signed header "${header}" is not in the request`);
  }
}

function canonicalHeaderLines(headers: HeaderMap, url: URL, signedHeaders: readonly string[]): string {
  let lines = "";
  for (const name of signedHeaders) {
    const value = name === "host" ? hostOf(headers, url) : headers.get(name);
    if (value === undefined) throw new MissingSignedHeaderError(name);
    lines += `${name}:${trimHeaderValue(value)}\n`;
  }
  return lines;
}

async function payloadHash(headers: HeaderMap, request: SignableRequest): Promise<string> {
  const declared = headers.get(CONTENT_SHA256_HEADER.toLowerCase());
  if (declared !== undefined) return trimHeaderValue(declared);
  // Hashed as given (no copy): the body is read once, by the engine.
  return isEmptyInput(request.body) ? EMPTY_BODY_SHA256 : currentHashEngine().sha256Hex(request.body!);
}

/**
 * The canonical request over exactly `signedHeaders` (any case and order; they are lower-cased and
 * sorted). `host` is the Host header if present, else the URL authority. Throws
 * MissingSignedHeaderError when another listed header is absent.
 */
export async function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): Promise<string> {
  const url = parseRequestUrl(request.url);
  const headers = normalizeHeaders(request.headers);
  const names = sortSignedHeaders(signedHeaders);
  return [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString(url.search),
    canonicalHeaderLines(headers, url, names),
    names.join(";"),
    await payloadHash(headers, request),
  ].join("\n");
}

/** `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256(canonical request)}`. */
export async function stringToSign(sdkDate: string, canonicalRequestText: string): Promise<string> {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${await currentHashEngine().sha256Hex(canonicalRequestText)}`;
}
