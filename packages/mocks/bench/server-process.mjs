// @ts-check
// A server for the benchmark, in its own process so that it does not share the client's event
// loop: `mock` (the standalone mock server, validation and AK/SK checks on, no request log) or
// `bare` (node:http answering a fixed JSON body). Prints the port, then serves until killed.
import { createServer } from "node:http";
import { startMockServer } from "../dist/server.js";

const [kind, seed = "1", bareBody = "{}"] = process.argv.slice(2);

if (kind === "mock") {
  const server = await startMockServer({ port: 0, seed: Number(seed), log: false });
  process.stdout.write(`PORT ${server.port}\n`);
} else if (kind === "bare") {
  const body = Buffer.from(bareBody);
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(202, {
        "Content-Type": "application/json",
        "Content-Length": body.length,
        "X-Request-Id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      });
      res.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () =>
    process.stdout.write(`PORT ${/** @type {import("node:net").AddressInfo} */ (server.address()).port}\n`),
  );
} else {
  throw new Error(`unknown server kind ${kind}`);
}
