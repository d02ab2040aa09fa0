// SHA-256 and HMAC-SHA256 through WebCrypto (globalThis.crypto.subtle), available in browsers
// (secure contexts) and in Node >= 19 without any import, so the package never touches node:crypto.
import { toHex, utf8 } from "./bytes.js";

export type BinaryInput = string | ArrayBuffer | ArrayBufferView;

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) {
    throw new Error(
      "@dbupgrade/aksk needs WebCrypto (globalThis.crypto.subtle): Node >= 20 or a browser page served over https/localhost",
    );
  }
  return api;
}

/** Copies into a fresh ArrayBuffer-backed array: WebCrypto rejects SharedArrayBuffer views. */
export function toBytes(input: BinaryInput | null | undefined): Uint8Array<ArrayBuffer> {
  if (input === null || input === undefined) return new Uint8Array(0);
  if (typeof input === "string") return utf8(input) as Uint8Array<ArrayBuffer>;
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice();
  }
  return new Uint8Array(input).slice();
}

/** Lowercase hex SHA-256 of a UTF-8 string or of raw bytes. */
export async function sha256Hex(data: BinaryInput): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest("SHA-256", toBytes(data))));
}

/** Lowercase hex HMAC-SHA256; the key is the secret's UTF-8 bytes, used directly (no key derivation). */
export async function hmacSha256Hex(key: string, data: BinaryInput): Promise<string> {
  const cryptoKey = await subtle().importKey("raw", toBytes(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(new Uint8Array(await subtle().sign("HMAC", cryptoKey, toBytes(data))));
}
