/// <reference types="node" />
// SHA-256 and HMAC-SHA256 from node:crypto: native, synchronous, no thread-pool round trip. Only the
// Node entry (./node.ts) imports this file, so browser bundles never see node:crypto.
import { createHmac, hash } from "node:crypto";
import type { BinaryInput, HashEngine } from "./digest.js";

function update(data: BinaryInput): Uint8Array | string {
  if (typeof data === "string" || ArrayBuffer.isView(data)) return data as Uint8Array | string;
  return new Uint8Array(data);
}

export const nodeCryptoEngine: HashEngine = {
  name: "node:crypto",
  sha256Hex(data) {
    // The one-shot hash (Node >= 20.12) skips the Hash object: most of the cost for small inputs.
    return hash("sha256", update(data) as string | Buffer, "hex");
  },
  hmacSha256Hex(key, data) {
    return createHmac("sha256", key).update(update(data)).digest("hex");
  },
};
