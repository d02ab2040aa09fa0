// Byte-level helpers shared by the canonical form and the digests. Everything works on UTF-8 bytes,
// never on JavaScript's UTF-16 code units, because the signature is defined over bytes.

const utf8Encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

const HEX_DIGITS = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  return out;
}

/** Bytewise order, the order Go's sort.Strings gives on the raw (decoded) strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x7e // ~
  );
}

const UPPER_HEX = "0123456789ABCDEF";

/** The SDKs' escape(): everything but A-Z a-z 0-9 - _ . ~ becomes uppercase %XX. */
export function percentEncodeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : "%" + UPPER_HEX[byte >> 4]! + UPPER_HEX[byte & 15]!;
  }
  return out;
}

export function percentEncode(text: string): string {
  return percentEncodeBytes(utf8(text));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * Percent-decodes to bytes rather than to a string, so that escapes which are not valid UTF-8
 * (`%FF`) survive a decode/encode round trip unchanged instead of turning into U+FFFD.
 * A `%` not followed by two hex digits is kept as a literal `%`.
 */
export function percentDecodeToBytes(text: string, plusIsSpace: boolean): Uint8Array {
  const raw = utf8(text);
  const out = new Uint8Array(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length) {
      const high = hexValue(raw[i + 1]!);
      const low = hexValue(raw[i + 2]!);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        continue;
      }
    }
    out[length++] = plusIsSpace && byte === 0x2b ? 0x20 : byte;
  }
  return out.slice(0, length);
}
