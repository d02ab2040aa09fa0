// @ts-check
// Loopback server for the benchmarks, run as a child process so it does not share the client's event
// loop. Answers any POST with a spec-shaped 202 body listing every instance of the request, after
// `--latency` ms. Prints its port on stdout.
import { createServer } from "node:http";

const latency = Number(process.argv[process.argv.indexOf("--latency") + 1] ?? 0) || 0;
const jobId = "e4616470-733d-41de-a9b0-a260709293d3";

const server = createServer((req, res) => {
  const parts = [];
  req.on("data", (part) => parts.push(part));
  req.on("end", () => {
    let ids = [];
    try {
      ids = JSON.parse(Buffer.concat(parts).toString("utf8")).instance_ids ?? [];
    } catch {}
    const text = JSON.stringify({ upgrade_results: ids.map((instance_id) => ({ instance_id, job_id: jobId })) });
    const answer = () => {
      res.writeHead(202, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        "X-Request-Id": "bench",
      });
      res.end(text);
    };
    if (latency > 0) setTimeout(answer, latency);
    else answer();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () =>
  process.stdout.write(`${/** @type {import("node:net").AddressInfo} */ (server.address()).port}\n`),
);
process.on("disconnect", () => process.exit(0));
