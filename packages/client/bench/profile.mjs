// @ts-nocheck: rewritten for the default transport while the tools got // @ts-check; typing its child-process and result tables is still to do.
// Where a signed call's CPU goes, by module: `node bench/profile.mjs [default|fetch|node-http]` (after the
// build; default: the client's default transport, node:http in Node; fetch: the `fetch` option set to the
// global fetch; node-http: the `fetch` option set to createNodeHttpFetch())
// runs 3,000 signed GeminiDB calls against the loopback bench server under the V8 profiler
// (node:inspector, the same data as `node --cpu-prof`), writes the .cpuprofile to the temp directory
// (open it in Chrome DevTools), and prints self time per module.
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { createGeminiDbClient } from "../dist/index.js";
import { createNodeHttpFetch } from "../dist/node-http-fetch.js";

const transport = process.argv[2] ?? "default";
const fetchOption = {
  default: {},
  fetch: { fetch: (request) => fetch(request) },
  "node-http": { fetch: createNodeHttpFetch() },
}[transport];
if (fetchOption === undefined) throw new Error(`transport: default, fetch or node-http, not ${transport}`);
const child = fork(new URL("./server.mjs", import.meta.url), ["--latency", "0"], {
  stdio: ["ignore", "pipe", "inherit", "ipc"],
});
const port = await new Promise((resolve) => child.stdout.once("data", (data) => resolve(String(data).trim())));
const client = createGeminiDbClient({
  baseUrl: `http://127.0.0.1:${port}`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { accessKey: "BENCHACCESSKEY000001", secretKey: "bench-secret-key-0123456789" },
  ...fetchOption,
});
const call = () =>
  client.batchUpgradeDatabaseVersionOrThrow({
    instance_ids: ["046287aae57843b1a7bc61b7a8812f41in06", "3d1e04f49efa473a8c7eaf07ed7ff870in06"],
  });
try {
  for (let i = 0; i < 500; i++) await call();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  for (let i = 0; i < 3000; i++) await call();
  const { profile } = await session.post("Profiler.stop");
  const file = join(tmpdir(), `dbupgrade-client-${transport}-${process.pid}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile: ${file}\n`);

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const moduleOf = ({ url, functionName }) => {
    if (!url) return functionName.startsWith("(") ? functionName : "(V8 builtins and native code)";
    if (url.includes("undici")) return "undici (Node's fetch)";
    if (url.includes("webstreams")) return "web streams (fetch bodies)";
    if (url.includes("openapi-fetch")) return "openapi-fetch";
    if (url.includes("/aksk/")) return "@dbupgrade/aksk";
    if (url.includes("/client/dist")) return "@dbupgrade/client";
    if (url.startsWith("node:")) return `node:${url.split(":")[1].split("/").slice(0, 2).join("/")}`;
    return url;
  };
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const name = moduleOf(byId.get(id).callFrame);
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  console.log(`| module (transport: ${transport}) | self time |\n|---|---:|`);
  for (const [name, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`| ${name} | ${((100 * time) / total).toFixed(1)}% |`);
} finally {
  child.kill();
}
