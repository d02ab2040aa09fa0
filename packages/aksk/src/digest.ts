// SHA-256 and HMAC-SHA256 behind one small engine interface. The default engine is WebCrypto
// (globalThis.crypto.subtle): browsers (secure contexts) and any runtime with web APIs. The package's
// Node entry (`./node.ts`, picked by the "node" export condition) swaps in node:crypto, which is native
// and synchronous: one WebCrypto digest costs a thread-pool round trip, far more than the hash itself.
import { toHex, utf8 } from "./bytes.js";

export type BinaryInput = string | ArrayBuffer | ArrayBufferView;

export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`, right away when `value` is already there; after it settles when it is a promise. */
export function chain<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Lowercase hex digests; an engine may answer synchronously. */
export interface HashEngine {
  readonly name: string;
  sha256Hex(data: BinaryInput): MaybePromise<string>;
  /** The key is the secret's UTF-8 bytes, used directly (no key derivation). */
  hmacSha256Hex(key: string, data: BinaryInput): MaybePromise<string>;
}

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

/** Whether the input has no bytes, without copying it (a string is empty exactly when its UTF-8 is). */
export function isEmptyInput(input: BinaryInput | null | undefined): boolean {
  if (input === null || input === undefined) return true;
  if (typeof input === "string") return input.length === 0;
  return input.byteLength === 0;
}

// Imported HMAC keys, per secret: importKey is a thread-pool round trip of its own. Bounded, oldest
// evicted first, so a server verifying many access keys does not grow without limit.
const KEY_CACHE_LIMIT = 64;
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (key === undefined) {
    key = subtle().importKey("raw", toBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    // A failed import is not cached: the next call tries again and reports its own error.
    key.catch(() => hmacKeys.delete(secret));
    if (hmacKeys.size >= KEY_CACHE_LIMIT) hmacKeys.delete(hmacKeys.keys().next().value!);
    hmacKeys.set(secret, key);
  }
  return key;
}

export const webCryptoEngine: HashEngine = {
  name: "webcrypto",
  async sha256Hex(data) {
    return toHex(new Uint8Array(await subtle().digest("SHA-256", toBytes(data))));
  },
  async hmacSha256Hex(key, data) {
    return toHex(new Uint8Array(await subtle().sign("HMAC", await hmacKey(key), toBytes(data))));
  },
};

let engine: HashEngine = webCryptoEngine;

/** Used by the Node entry (and tests); not part of the public API. */
export function useHashEngine(next: HashEngine): void {
  engine = next;
}

export function currentHashEngine(): HashEngine {
  return engine;
}

/** Lowercase hex SHA-256 of a UTF-8 string or of raw bytes. */
export async function sha256Hex(data: BinaryInput): Promise<string> {
  return engine.sha256Hex(data);
}

/** Lowercase hex HMAC-SHA256; the key is the secret's UTF-8 bytes, used directly (no key derivation). */
export async function hmacSha256Hex(key: string, data: BinaryInput): Promise<string> {
  return engine.hmacSha256Hex(key, data);
}
