// The Authorization header: `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={h1;h2}, Signature={hex}`.
import { SIGNING_ALGORITHM } from "./canonical.js";

export interface ParsedAuthorization {
  accessKey: string;
  /** Lower-case, sorted, without duplicates. */
  signedHeaders: string[];
  /** 64 lowercase hex digits. */
  signature: string;
}

export function formatAuthorization(accessKey: string, signedHeaders: readonly string[], signature: string): string {
  return `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
}

const AUTHORIZATION_PATTERN = /^SDK-HMAC-SHA256 Access=([^\s,;=]+), SignedHeaders=([^\s,]+), Signature=([0-9a-f]{64})$/;
// RFC 9110 token characters, upper case excluded: every SDK writes SignedHeaders in lower case.
const HEADER_NAME_PATTERN = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Strict parse of the exact form every Huawei SDK writes: one space after the algorithm, ", " between
 * the parts, in this order; lower-case header names sorted without duplicates; a lowercase hex
 * SHA-256-sized signature. Anything else is null.
 */
export function parseAuthorization(value: string): ParsedAuthorization | null {
  const match = AUTHORIZATION_PATTERN.exec(value);
  if (!match) return null;
  const [, accessKey, headerList, signature] = match as unknown as [string, string, string, string];
  const signedHeaders = headerList.split(";");
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i]!;
    if (!HEADER_NAME_PATTERN.test(name)) return null;
    if (i > 0 && !(signedHeaders[i - 1]! < name)) return null; // unsorted or repeated
  }
  return { accessKey, signedHeaders, signature };
}
