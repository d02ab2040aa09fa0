// The canonical request and string to sign of SDK-HMAC-SHA256 (Huawei Cloud signing guide, and the
// Go/Java/Python/Node SDK signers).
import { compareBytes, percentDecodeToBytes, percentEncodeBytes } from "./bytes.js";
import { chain, currentHashEngine, isEmptyInput, type MaybePromise } from "./digest.js";
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
// A path made only of unreserved characters and `/` is its own canonical form (the common case).
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

export function canonicalUri(pathname: string): string {
  const encoded = PLAIN_PATH.test(pathname)
    ? pathname
    : pathname
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
  if (search === "" || search === "?") return "";
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
const HTTP_WHITESPACE = /[ \t\r\n]/;

function trimHeaderValue(value: string): string {
  if (value === "" || !(HTTP_WHITESPACE.test(value[0]!) || HTTP_WHITESPACE.test(value[value.length - 1]!)))
    return value;
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

/** Lower-cases, de-duplicates and sorts header names: the SignedHeaders order. */
export function sortSignedHeaders(names: Iterable<string>): string[] {
  const sorted = Array.from(names, (name) => name.toLowerCase()).sort();
  let kept = 0;
  for (const name of sorted) if (kept === 0 || sorted[kept - 1] !== name) sorted[kept++] = name;
  sorted.length = kept;
  return sorted;
}

// Already lower-case, sorted and without repeats (what sortSignedHeaders returns): used as given.
function isSortedSignedHeaders(names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name !== name.toLowerCase() || (i > 0 && !(names[i - 1]! < name))) return false;
  }
  return true;
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

function payloadHash(headers: HeaderMap, request: SignableRequest): MaybePromise<string> {
  const declared = headers.get(CONTENT_SHA256_HEADER.toLowerCase());
  if (declared !== undefined) return trimHeaderValue(declared);
  // Hashed as given (no copy): the body is read once, by the engine.
  return isEmptyInput(request.body) ? EMPTY_BODY_SHA256 : currentHashEngine().sha256Hex(request.body!);
}

/**
 * The canonical request, synchronously when the hash engine is synchronous (node:crypto): the signer
 * and verifier chain through it without a promise per step.
 */
export function buildCanonicalRequest(
  request: SignableRequest,
  signedHeaders: readonly string[],
): MaybePromise<string> {
  const url = parseRequestUrl(request.url);
  const headers = normalizeHeaders(request.headers);
  const names = isSortedSignedHeaders(signedHeaders) ? signedHeaders : sortSignedHeaders(signedHeaders);
  const head = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString(url.search),
    canonicalHeaderLines(headers, url, names),
    names.join(";"),
  ].join("\n");
  return chain(payloadHash(headers, request), (hash) => `${head}\n${hash}`);
}

/**
 * The canonical request over exactly `signedHeaders` (any case and order; they are lower-cased and
 * sorted). `host` is the Host header if present, else the URL authority. Throws
 * MissingSignedHeaderError when another listed header is absent.
 */
export async function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): Promise<string> {
  return buildCanonicalRequest(request, signedHeaders);
}

export function buildStringToSign(sdkDate: string, canonicalRequestText: string): MaybePromise<string> {
  return chain(
    currentHashEngine().sha256Hex(canonicalRequestText),
    (hash) => `${SIGNING_ALGORITHM}\n${sdkDate}\n${hash}`,
  );
}

/** `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256(canonical request)}`. */
export async function stringToSign(sdkDate: string, canonicalRequestText: string): Promise<string> {
  return buildStringToSign(sdkDate, canonicalRequestText);
}
