/// <reference types="node" />
// SHA-256 and HMAC-SHA256 from node:crypto: native, synchronous, no thread-pool round trip. Only the
// Node entry (./node.ts) imports this file, so browser bundles never see node:crypto.
import { createHash, createHmac } from "node:crypto";
import type { BinaryInput, HashEngine } from "./digest.js";

function update(data: BinaryInput): Uint8Array | string {
  if (typeof data === "string" || ArrayBuffer.isView(data)) return data as Uint8Array | string;
  return new Uint8Array(data);
}

export const nodeCryptoEngine: HashEngine = {
  name: "node:crypto",
  sha256Hex(data) {
    return createHash("sha256").update(update(data)).digest("hex");
  },
  hmacSha256Hex(key, data) {
    return createHmac("sha256", key).update(update(data)).digest("hex");
  },
};
