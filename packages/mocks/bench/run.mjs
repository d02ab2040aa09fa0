// @ts-check
// Benchmarks of @dbupgrade/mocks, each against a baseline measured in the same run:
// 1. the standalone server (AK/SK signature and spec validation on) vs a bare node:http server
//    answering the same JSON and vs Stoplight Prism (`prism mock`, validation on, the bundled GeminiDB
//    spec), over HTTP on 127.0.0.1 at a fixed concurrency;
// 2. the in-process MSW handlers vs a bare MSW handler returning a static body (msw getResponse).
// Bounded in count and time. Writes bench/RESULTS.md. Run: pnpm exec turbo run bench --filter=@dbupgrade/mocks
import { spawn } from "node:child_process";
import net from "node:net";
import { writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { signRequest } from "@dbupgrade/aksk";
import { getResponse, http as mswHttp, HttpResponse } from "msw";
import { createMockApi, defaultMockCredentials } from "../dist/index.js";

const CONCURRENCY = 32;
// Variants run in alternating rounds and report the median round's throughput, so a burst of load
// from other processes on a shared machine hits every variant alike.
const ROUNDS = process.argv.includes("--quick") ? 3 : 7;
const HTTP_REQUESTS_PER_ROUND = 1000;
const HTTP_WARMUP = 400;
const HTTP_MAX_MS = 4000;
const INPROCESS_ITERATIONS_PER_ROUND = 800;
const INPROCESS_WARMUP = 300;
const INPROCESS_MAX_MS = 2000;

const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const path = `/geminidb/v3/${projectId}/instances/db-upgrade`;
const body = JSON.stringify({
  instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13", "3d1e04f49efa473a8c7eaf07ed7ff870in13"],
});

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarize(latencies, elapsedMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: (sorted.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    latencies,
  };
}

/** Pools the rounds of one variant: median round throughput, percentiles over every request. */
function combine(rounds) {
  const perSecond = rounds.map((r) => r.perSecond).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
  const sorted = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return { count: sorted.length, perSecond, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Runs the variants in alternating rounds; `vs[j]` of a variant is the median over rounds of its throughput ÷ variant j's in the same round. */
async function alternate(variants) {
  const rounds = variants.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [...variants.keys()] : [...variants.keys()].reverse();
    for (const i of order) rounds[i].push(await variants[i]());
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return rounds.map((mine) => ({
    ...combine(mine),
    vs: rounds.map((other) => median(mine.map((r, k) => r.perSecond / other[k].perSecond))),
  }));
}

function startServer(kind, extra = []) {
  const script = fileURLToPath(new URL("./server-process.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, kind, ...extra], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 15000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), stop: () => child.kill("SIGTERM") });
      }
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** A free port on 127.0.0.1 (bound, then released) for Prism, which takes no port 0. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/** `prism mock` (request validation on by default) on the bundled GeminiDB spec; its per-request log is discarded. */
async function startPrism() {
  const port = await freePort();
  const prism = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));
  const spec = fileURLToPath(new URL("../../specs/bundled/geminidb.yaml", import.meta.url));
  const child = spawn(prism, ["mock", "-h", "127.0.0.1", "-p", String(port), spec], { stdio: "ignore" });
  const stop = () => child.kill("SIGTERM");
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}`);
    const ready = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(socket.end() && true));
      socket.once("error", () => resolve(false));
    });
    if (ready) return { port, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error("prism did not start within 60 s");
}

async function signedHeaders(port) {
  const url = `http://127.0.0.1:${port}${path}`;
  const headers = { "Content-Type": "application/json" };
  return {
    ...headers,
    ...(await signRequest({ method: "POST", url, headers, body }, defaultMockCredentials, { projectId })),
  };
}

function postOnce(agent, port, headers, requestPath = path) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: requestPath,
        method: "POST",
        headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `total` requests at CONCURRENCY in flight (or until maxMs), returning per-request latencies. */
async function load(port, headers, total, maxMs, requestPath = path) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < total && performance.now() - started < maxMs) {
      issued++;
      const t0 = performance.now();
      const { status } = await postOnce(agent, port, headers, requestPath);
      if (status !== 202) throw new Error(`unexpected status ${status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();
  return summarize(latencies, elapsed);
}

async function benchHttp() {
  const mock = await startServer("mock");
  try {
    const headers = await signedHeaders(mock.port);
    const sample = await postOnce(new http.Agent(), mock.port, headers);
    const bare = await startServer("bare", ["1", sample.text]);
    const prism = await startPrism();
    const prismPath = path.replace(/^\/geminidb/, "");
    try {
      const token = { "Content-Type": "application/json", "X-Auth-Token": defaultMockCredentials.token };
      const prismSample = await postOnce(new http.Agent(), prism.port, token, prismPath);
      if (prismSample.status !== 202) throw new Error(`prism answered ${prismSample.status}: ${prismSample.text}`);
      // Interleave warm-up and measurement so neither side gets a warmer machine.
      await load(mock.port, headers, HTTP_WARMUP, HTTP_MAX_MS);
      await load(mock.port, token, HTTP_WARMUP, HTTP_MAX_MS);
      await load(bare.port, headers, HTTP_WARMUP, HTTP_MAX_MS);
      await load(prism.port, token, HTTP_WARMUP, HTTP_MAX_MS, prismPath);
      const [bareResult, prismResult, mockResult, tokenResult] = await alternate([
        () => load(bare.port, headers, HTTP_REQUESTS_PER_ROUND, HTTP_MAX_MS),
        () => load(prism.port, token, HTTP_REQUESTS_PER_ROUND, HTTP_MAX_MS, prismPath),
        () => load(mock.port, headers, HTTP_REQUESTS_PER_ROUND, HTTP_MAX_MS),
        () => load(mock.port, token, HTTP_REQUESTS_PER_ROUND, HTTP_MAX_MS),
      ]);
      return { mock: mockResult, bare: bareResult, prism: prismResult, token: tokenResult };
    } finally {
      bare.stop();
      prism.stop();
    }
  } finally {
    mock.stop();
  }
}

async function loop(label, makeRequest, handlers, iterations, maxMs) {
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < iterations && performance.now() - started < maxMs; i++) {
    const request = makeRequest();
    const t0 = performance.now();
    const response = await getResponse(handlers, request);
    if (!response) throw new Error(`${label}: no handler answered`);
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (response.status !== 202) throw new Error(`${label}: unexpected status ${response.status}`);
  }
  return summarize(latencies, performance.now() - started);
}

async function benchInProcess() {
  const mock = createMockApi({ seed: 1 });
  const staticBody = JSON.parse(JSON.stringify({ upgrade_results: [{ instance_id: "x", job_id: "y" }] }));
  const bareHandlers = [
    mswHttp.post("*/v3/:project_id/instances/db-upgrade", () => HttpResponse.json(staticBody, { status: 202 })),
  ];
  const url = `https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/${projectId}/instances/db-upgrade`;
  const tokenRequest = () =>
    new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Auth-Token": defaultMockCredentials.token },
      body,
    });
  const signed = {
    "Content-Type": "application/json",
    ...(await signRequest(
      { method: "POST", url, headers: { "Content-Type": "application/json" }, body },
      defaultMockCredentials,
      { projectId },
    )),
  };
  const signedRequest = () => new Request(url, { method: "POST", headers: signed, body });

  for (const [handlers, make] of [
    [bareHandlers, tokenRequest],
    [mock.handlersByApi.geminidb, tokenRequest],
    [mock.handlersByApi.geminidb, signedRequest],
  ]) {
    await loop("warm-up", make, handlers, INPROCESS_WARMUP, INPROCESS_MAX_MS);
  }
  const n = INPROCESS_ITERATIONS_PER_ROUND;
  const [bare, token, aksk, all] = await alternate([
    () => loop("bare", tokenRequest, bareHandlers, n, INPROCESS_MAX_MS),
    () => loop("mock, token", tokenRequest, mock.handlersByApi.geminidb, n, INPROCESS_MAX_MS),
    () => loop("mock, AK/SK", signedRequest, mock.handlersByApi.geminidb, n, INPROCESS_MAX_MS),
    () => loop("mock, token, all four APIs' handlers", tokenRequest, mock.handlers, n, INPROCESS_MAX_MS),
  ]);
  return { bare, token, aksk, all };
}

const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
// Ratios: the median over rounds of (variant ÷ baseline in the same round); `vs` indexes the variants' order in alternate().
const row = (label, r, baseIndex, columns) =>
  `| ${label} | ${fmt(r.count)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${columns.map((i) => (i === null ? "" : `${fmt(r.vs[i], 2)}×`)).join(" | ")} |`;

const quick = process.argv.includes("--quick");
const httpResults = await benchHttp();
const inProcess = await benchInProcess();

const date = new Date().toISOString();
const report = `# @dbupgrade/mocks benchmarks

Command: \`pnpm --filter @dbupgrade/mocks bench\` (after \`pnpm build\`; \`pnpm bench\` at the root runs it too).
Date: ${date}. Node ${process.version}, ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown"}), load average at the end ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ")}; shared machine: read the ratios, not the absolute numbers.

Every ratio is the median over ${ROUNDS} alternating rounds of (variant ÷ baseline in the same round), so a burst of
load from other processes hits both sides of a ratio alike. Requests/s is the median round; latencies (ms) are over all requests.

## Standalone server over HTTP (127.0.0.1, keep-alive, ${CONCURRENCY} connections)

The mock server authenticates (AK/SK signature with node:crypto, or X-Auth-Token), validates path, headers and body
against the spec with ajv, runs the fleet simulation and answers; requests to a spec route under an API prefix go
straight to that route's handler (MSW's \`getResponse\` only when overrides are installed). Baselines, in the same run:
a bare \`node:http\` server answering the same JSON bytes (goal ≥ 0.3×), and Stoplight Prism 5.14.2 (\`prism mock\`,
request validation on, the bundled GeminiDB spec, X-Auth-Token: Prism checks that a security scheme is present, not
a signature; goal ≥ 3×). Each server runs in its own process; the client is one \`node:http\` agent in the benchmark
process, ${HTTP_REQUESTS_PER_ROUND} requests per round.

| Server | Requests | Requests/s | p50 | p99 | vs bare node:http | vs Prism |
|---|---:|---:|---:|---:|---:|---:|
${row("bare node:http, same JSON", httpResults.bare, 0, [0, 1])}
${row("Prism 5.14.2, validation on, X-Auth-Token", httpResults.prism, 1, [0, 1])}
${row("mock server, AK/SK signature + validation", httpResults.mock, 0, [0, 1])}
${row("mock server, X-Auth-Token + validation", httpResults.token, 0, [0, 1])}

## In-process MSW handlers (msw \`getResponse\`, one request at a time)

Baseline: \`http.post("*/v3/:project_id/instances/db-upgrade", () => HttpResponse.json(staticBody))\` (goal: token ≥ 0.9×,
AK/SK ≥ 0.6×). Up to ${INPROCESS_ITERATIONS_PER_ROUND} requests per variant and round.

| Handlers | Requests | Requests/s | p50 | p99 | vs bare MSW handler |
|---|---:|---:|---:|---:|---:|
${row("bare MSW handler, static body", inProcess.bare, 0, [0])}
${row("mock, GeminiDB handlers, X-Auth-Token", inProcess.token, 0, [0])}
${row("mock, GeminiDB handlers, AK/SK signature", inProcess.aksk, 0, [0])}
${row("mock, all four APIs' handlers, X-Auth-Token", inProcess.all, 0, [0])}
`;

if (!quick) writeFileSync(new URL("./RESULTS.md", import.meta.url), report);
process.stdout.write(report);
