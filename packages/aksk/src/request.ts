// The request shape both sides work on, and its normalisation into lower-case header names.
import type { BinaryInput } from "./digest.js";

/**
 * Headers as a WHATWG `Headers`, a plain record (Node's `IncomingHttpHeaders` fits: arrays are joined
 * with ", " as HTTP does for repeated fields), or `[name, value]` pairs. Names are case-insensitive.
 */
export type HeadersLike =
  | Headers
  | Record<string, string | readonly string[] | undefined>
  | Iterable<readonly [string, string]>;

/** Request body: the exact bytes sent. Strings are encoded as UTF-8. */
export type BodyLike = BinaryInput | null | undefined;

export interface SignableRequest {
  /** HTTP method; compared upper-cased on both sides. */
  method: string;
  /** Absolute URL, including the query string. */
  url: string | URL;
  headers?: HeadersLike | undefined;
  body?: BodyLike;
}

/** Header names normalised to lower case; repeated names are joined with ", " like `Headers` does. */
export type HeaderMap = Map<string, string>;

function isHeaders(value: unknown): value is Headers {
  return typeof Headers !== "undefined" && value instanceof Headers;
}

function isPairIterable(value: unknown): value is Iterable<readonly [string, string]> {
  return typeof value === "object" && value !== null && Symbol.iterator in value;
}

// Maps this module built: already lower-cased, so passing one along (sign -> canonical) is free.
const normalized = new WeakSet<HeaderMap>();

export function normalizeHeaders(headers: HeadersLike | undefined): HeaderMap {
  if (headers instanceof Map && normalized.has(headers)) return headers;
  const map: HeaderMap = new Map();
  normalized.add(map);
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const previous = map.get(key);
    map.set(key, previous === undefined ? value : `${previous}, ${value}`);
  };
  if (headers === undefined) return map;
  if (isHeaders(headers)) {
    headers.forEach((value, name) => add(name, value));
  } else if (isPairIterable(headers)) {
    for (const [name, value] of headers) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      add(name, typeof value === "string" ? value : value.join(", "));
    }
  }
  return map;
}

export function parseRequestUrl(url: string | URL): URL {
  try {
    return new URL(url);
  } catch {
    throw new TypeError("@dbupgrade/aksk: the request URL must be absolute (scheme and host)");
  }
}

/** The value signed for `host`: an explicit Host header wins over the URL authority. */
export function hostOf(headers: HeaderMap, url: URL): string {
  return headers.get("host") ?? url.host;
}
