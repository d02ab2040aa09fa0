// The Node entry ("node" export condition): the same API as ./index.ts, hashing with node:crypto.
// Importing this module switches the shared engine once; every signer and verifier then uses it.
import { useHashEngine } from "./digest.js";
import { nodeCryptoEngine } from "./digest-node.js";

useHashEngine(nodeCryptoEngine);

export * from "./index.js";
