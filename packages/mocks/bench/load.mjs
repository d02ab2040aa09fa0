// @ts-nocheck: a load generator over raw sockets whose per-mode stats tables are built dynamically
// (keys from the command line); typing it would mean rewriting the bench.
// Load run of the standalone mock server: 60 s, 64 requests in flight, a mix of valid and invalid
// requests (1.1 MB uploads over the 1 MiB limit included) on 127.0.0.1. Passes when there are 0
// transport errors, 0 unexpected statuses, and the server's live heap is flat after the warm-up.
// Writes bench/LOAD.md. Run: pnpm --filter @dbupgrade/mocks run load   (LOAD_SECONDS=10 for a short run)
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { signRequest } from "@dbupgrade/aksk";
import { defaultMockCredentials } from "../dist/index.js";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONCURRENCY = 64;
const WARMUP_SECONDS = Math.min(15, Math.floor(SECONDS / 4));
// Bounded in count as well as time.
const MAX_REQUESTS = 2_000_000;
// "Flat": the live heap of the second half of the run (after warm-up) is within this of the first half.
const HEAP_GROWTH_LIMIT = { ratio: 0.1, bytes: 8 * 1024 * 1024 };

const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const token = defaultMockCredentials.token;
const path = (api, tail) => `/${api}/v3/${projectId}/instances/${tail}`;
const gemini = path("geminidb", "db-upgrade");
const dds = path("dds", "db-upgrade");
const taurus = path("taurusdb", "database-version/upgrade");
const gauss = path("gaussdb", "db-upgrade/schedule-task");
const json = (value) => JSON.stringify(value);
const upload = Buffer.from(`{"instance_ids":["${"a".repeat(1.1 * 1024 * 1024)}"]}`);

/**
 * The request mix: each kind with its weight and the statuses it may get. Valid requests name seed
 * instances (202 with per-instance results, whatever their state) or unknown ones (a 400 for the
 * whole batch where the API refuses it whole).
 */
const kinds = [
  {
    name: "GeminiDB, token, seed-page ids",
    weight: 6,
    expect: [202],
    method: "POST",
    path: gemini,
    headers: { "X-Auth-Token": token },
    body: json({ instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13", "3d1e04f49efa473a8c7eaf07ed7ff870in13"] }),
  },
  {
    name: "DDS, AK/SK, unknown ids",
    weight: 4,
    expect: [202],
    method: "POST",
    path: dds,
    aksk: true,
    body: json({ instance_ids: [`${"f".repeat(32)}in02`, `${"e".repeat(32)}in02`] }),
  },
  {
    name: "TaurusDB, token, unknown instance",
    weight: 3,
    expect: [400],
    method: "POST",
    path: taurus,
    contentType: "application/json;charset=UTF-8",
    headers: { "X-Auth-Token": token },
    body: json({
      databases_instance_infos: [{ instance_id: `${"b".repeat(32)}in07`, current_version: "2.0.48.231200" }],
      delay: false,
    }),
  },
  {
    name: "openGauss, token, start_time not a calendar date",
    weight: 2,
    expect: [400],
    method: "POST",
    path: gauss,
    contentType: "application/json;charset=UTF-8",
    headers: { "X-Auth-Token": token },
    body: json({
      instance_ids: ["cc0ae5c47bf94834bf9e44138f7f995ain14"],
      start_time: "2026-02-30T08:00:00+0800",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
      target_version: "3.208.0.7",
    }),
  },
  {
    name: "bad JSON",
    weight: 2,
    expect: [400],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": token },
    body: '{"instance_ids": [',
  },
  {
    name: "undocumented field",
    weight: 2,
    expect: [400],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": token },
    body: json({ instance_ids: ["x"], extra: 1 }),
  },
  {
    name: "wrong content type",
    weight: 1,
    expect: [400],
    method: "POST",
    path: dds,
    contentType: "text/plain",
    headers: { "X-Auth-Token": token },
    body: "instance_ids=x",
  },
  { name: "no credentials", weight: 2, expect: [401], method: "POST", path: dds, body: json({ instance_ids: ["x"] }) },
  {
    name: "wrong token",
    weight: 1,
    expect: [401],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": "not-the-token" },
    body: json({ instance_ids: ["x"] }),
  },
  {
    name: "1.1 MB upload, Content-Length",
    weight: 2,
    expect: [400],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": token },
    body: upload,
  },
  {
    name: "1.1 MB upload, chunked",
    weight: 1,
    expect: [400],
    method: "POST",
    path: gemini,
    headers: { "X-Auth-Token": token },
    body: upload,
    chunked: true,
  },
  {
    name: "1.1 MB upload, Expect: 100-continue",
    weight: 1,
    expect: [400],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": token, Expect: "100-continue" },
    body: upload,
  },
  {
    name: "unknown path",
    weight: 1,
    expect: [404],
    method: "POST",
    path: "/nosuchservice/v3/x/instances/db-upgrade",
    headers: { "X-Auth-Token": token },
    body: "{}",
  },
  {
    name: "GET on an operation",
    weight: 1,
    expect: [404],
    method: "GET",
    path: dds,
    headers: { "X-Auth-Token": token },
  },
  {
    name: "Host with userinfo",
    weight: 1,
    expect: [400],
    method: "POST",
    path: dds,
    headers: { "X-Auth-Token": token, Host: "user:pass@127.0.0.1" },
    body: json({ instance_ids: ["x"] }),
  },
  { name: "TRACE", weight: 1, expect: [405], method: "TRACE", path: dds },
];
// LOAD_KINDS=<regex> narrows the mix (for comparing one kind across server versions); LOAD.md is only written for the full mix.
const only = process.env.LOAD_KINDS ? new RegExp(process.env.LOAD_KINDS) : undefined;
const deck = kinds
  .filter((kind) => !only || only.test(kind.name))
  .flatMap((kind) => Array.from({ length: kind.weight }, () => kind));

function startServer() {
  const script = fileURLToPath(new URL("./load-server.mjs", import.meta.url));
  const child = spawn(process.execPath, ["--expose-gc", script], { stdio: ["ignore", "pipe", "inherit"] });
  const memory = [];
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the mock server did not start")), 30_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const lines = out.split("\n");
      out = lines.pop();
      for (const line of lines) {
        const port = /^PORT (\d+)$/.exec(line);
        if (port) {
          clearTimeout(timer);
          resolve({
            port: Number(port[1]),
            memory,
            stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGTERM"))),
          });
        }
        const mem = /^MEM (\d+) (\d+) (\d+) (\d+) (\d+)$/.exec(line);
        if (mem)
          memory.push({ at: Number(mem[1]), rss: Number(mem[2]), heapUsed: Number(mem[3]), external: Number(mem[4]) });
      }
    });
    child.once("exit", (code) => reject(new Error(`the mock server exited with ${code}`)));
  });
}

async function headersFor(kind, port) {
  const headers = {
    ...(kind.body === undefined ? {} : { "Content-Type": kind.contentType ?? "application/json" }),
    ...kind.headers,
  };
  if (!kind.aksk) return headers;
  const url = `http://127.0.0.1:${port}${kind.path}`;
  return {
    ...headers,
    ...(await signRequest({ method: kind.method, url, headers, body: kind.body }, defaultMockCredentials, {
      projectId,
    })),
  };
}

/** One request; resolves with its status, or with a transport error (never rejects). */
function send(agent, port, kind, headers) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: kind.method,
        path: kind.path,
        agent,
        headers: kind.chunked
          ? headers
          : { ...headers, ...(kind.body === undefined ? {} : { "Content-Length": kind.body.length }) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - started }));
        res.on("error", (error) => resolve({ error: error.code ?? error.message }));
      },
    );
    req.on("error", (error) => resolve({ error: error.code ?? error.message }));
    if (kind.body === undefined) return req.end();
    if (headers.Expect) {
      // Send the body only if the server asks for it (it should not: the body is over the limit).
      req.on("continue", () => req.end(kind.body));
      return;
    }
    if (kind.chunked) {
      for (let offset = 0; offset < kind.body.length; offset += 64 * 1024)
        req.write(kind.body.subarray(offset, offset + 64 * 1024));
      return req.end();
    }
    req.end(kind.body);
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

async function main() {
  const server = await startServer();
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const signed = new Map();
  const perKind = new Map(
    kinds.map((k) => [k.name, { count: 0, statuses: new Map(), errors: new Map(), unexpected: 0, latencies: [] }]),
  );
  let sent = 0;
  let transportErrors = 0;
  let unexpected = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const startedAt = Date.now();

  async function worker(w) {
    for (let i = w; performance.now() < deadline && sent < MAX_REQUESTS; i += CONCURRENCY) {
      const kind = deck[(i * 7 + w) % deck.length];
      sent++;
      // AK/SK headers are signed fresh (X-Sdk-Date must stay within 15 minutes); others are reused.
      const headers = kind.aksk
        ? await headersFor(kind, server.port)
        : (signed.get(kind) ?? signed.set(kind, await headersFor(kind, server.port)).get(kind));
      const result = await send(agent, server.port, kind, headers);
      const stats = perKind.get(kind.name);
      stats.count++;
      if (result.error) {
        transportErrors++;
        stats.errors.set(result.error, (stats.errors.get(result.error) ?? 0) + 1);
        continue;
      }
      stats.statuses.set(result.status, (stats.statuses.get(result.status) ?? 0) + 1);
      stats.latencies.push(result.ms);
      if (!kind.expect.includes(result.status)) {
        unexpected++;
        stats.unexpected++;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  // One more memory sample after the load, then stop.
  await new Promise((r) => setTimeout(r, 1500));
  await server.stop();

  const after = server.memory.filter((m) => m.at - startedAt >= WARMUP_SECONDS * 1000 && m.at - startedAt <= elapsedMs);
  const half = Math.floor(after.length / 2);
  const firstHalf = median(after.slice(0, half).map((m) => m.heapUsed));
  const secondHalf = median(after.slice(half).map((m) => m.heapUsed));
  const growth = secondHalf - firstHalf;
  const flat =
    after.length >= 4 && (growth <= HEAP_GROWTH_LIMIT.bytes || growth / firstHalf <= HEAP_GROWTH_LIMIT.ratio);
  const rssAfter = after.map((m) => m.rss);
  const total = [...perKind.values()].reduce((n, s) => n + s.count, 0);
  const passed = transportErrors === 0 && unexpected === 0 && flat;

  const rows = kinds.map((k) => {
    const s = perKind.get(k.name);
    const statuses = [...s.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(", ");
    const errors = [...s.errors].map(([code, n]) => `${code}: ${n}`).join(", ") || "0";
    const sorted = s.latencies.sort((a, b) => a - b);
    return `| ${k.name} | ${k.expect.join("/")} | ${s.count.toLocaleString("en-US")} | ${statuses || "-"} | ${errors} | ${s.unexpected} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} |`;
  });
  const samples = server.memory.map(
    (m) => `| ${((m.at - startedAt) / 1000).toFixed(0)} | ${mb(m.heapUsed)} | ${mb(m.rss)} | ${mb(m.external)} |`,
  );
  const report = `# @dbupgrade/mocks load run

Generated by \`pnpm --filter @dbupgrade/mocks run load\` (bench/load.mjs) on ${new Date().toISOString().slice(0, 10)}.
Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (shared machine).

The standalone mock server in its own process (bench/load-server.mjs: \`startMockServer\` with the
defaults, 1 MiB body limit, no request log), ${CONCURRENCY} requests in flight from a keep-alive
\`node:http\` agent on 127.0.0.1 for ${SECONDS} s (at most ${MAX_REQUESTS.toLocaleString("en-US")} requests), the kinds below dealt in
turn by weight. Pass: 0 transport errors, 0 unexpected statuses, live heap flat after a ${WARMUP_SECONDS} s warm-up
(median of the second half within ${HEAP_GROWTH_LIMIT.ratio * 100} % or ${mb(HEAP_GROWTH_LIMIT.bytes)} MB of the first; sampled every second after a full GC).

## Result: ${passed ? "PASS" : "FAIL"}

| | |
|---|---|
| requests | ${total.toLocaleString("en-US")} in ${(elapsedMs / 1000).toFixed(1)} s (${((total / elapsedMs) * 1000).toFixed(0)}/s) |
| transport errors | ${transportErrors} |
| unexpected statuses | ${unexpected} |
| live heap after warm-up, first half → second half (median) | ${mb(firstHalf)} MB → ${mb(secondHalf)} MB (${growth >= 0 ? "+" : ""}${mb(growth)} MB): ${flat ? "flat" : "GROWING"} |
| RSS after warm-up, min → max | ${mb(Math.min(...rssAfter))} MB → ${mb(Math.max(...rssAfter))} MB |

## Per kind

| kind | expected | requests | statuses | transport errors | unexpected | p50 ms | p99 ms |
|---|---|---:|---|---|---:|---:|---:|
${rows.join("\n")}

## Server memory samples

| s | heapUsed MB | RSS MB | external MB |
|---:|---:|---:|---:|
${samples.join("\n")}
`;
  if (SECONDS >= 60 && !only) writeFileSync(new URL("./LOAD.md", import.meta.url), report);
  process.stdout.write(report);
  process.exit(passed ? 0 : 1);
}

await main();
