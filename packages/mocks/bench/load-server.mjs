// @ts-check
// The standalone mock server for the load run, in its own process (as `dbupgrade-mock` runs it, without
// the per-request log line), reporting its memory every second after a full GC so that the samples
// show live memory, not garbage waiting to be collected. Run with --expose-gc.
import { startMockServer } from "../dist/server.js";

const server = await startMockServer({ port: 0, seed: 1, log: false });
process.stdout.write(`PORT ${server.port}\n`);

const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
setInterval(() => {
  gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(`MEM ${Date.now()} ${rss} ${heapUsed} ${external} ${arrayBuffers}\n`);
}, 1000).unref();

process.on("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
