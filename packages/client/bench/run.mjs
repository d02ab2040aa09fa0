// @ts-nocheck: one table drives the four typed clients by a path string (each client types only its own
// paths) and untyped result rows accumulate across rounds; typing it would mean rewriting the bench.
// Benchmarks of @dbupgrade/client (run after the build: `pnpm bench`). Everything is compared with a
// baseline measured in the same run, and reported as ratios in bench/RESULTS.md:
//  1. per call: this client vs bare openapi-fetch vs raw fetch, signing off and on, against an
//     in-memory fetch stub and against a loopback node:http server (a child process);
//  2. a 1,000-instance batch against a server with a fixed added latency, vs the ideal
//     ceil(n / 10) / concurrency x latency.
// Bounded: a fixed number of rounds and calls per variant, and a time cap per section.
import { signRequest } from "@dbupgrade/aksk";
import { ddsMeta } from "@dbupgrade/meta";
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import createClient from "openapi-fetch";
import { createDdsClient, upgradeDdsInBatches } from "../dist/index.js";

const operation = ddsMeta.operations.batchUpgradeDatabaseVersion;
const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const token = "bench-token-0123456789abcdef";
const credentials = { accessKey: "BENCHACCESSKEY000001", secretKey: "bench-secret-key-0123456789" };
const body = { instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02", "3d1e04f49efa473a8c7eaf07ed7ff870in02"] };
const answer = JSON.stringify({
  upgrade_results: [
    { instance_id: body.instance_ids[0], job_id: "e4616470-733d-41de-a9b0-a260709293d3" },
    {
      instance_id: body.instance_ids[1],
      error_code: "DBS.200011",
      error_message: "The status of DB instance does not allow the operation.",
    },
  ],
});
const path = operation.path;
const quick = process.argv.includes("--quick");
const startLoad = loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ");

/** An in-memory fetch: reads the request body (as a server would) and answers on the next tick. */
async function stubFetch(input, init) {
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  await request.arrayBuffer();
  return new Response(answer, {
    status: operation.successStatus,
    headers: { "Content-Type": "application/json", "X-Request-Id": "stub" },
  });
}

/**
 * The per-call variants, for one transport (`fetchImpl`) and one base URL. `clientFetch` is the
 * client's `fetch` option: the stub in memory; on loopback none, so the client runs on its default
 * transport (node:http in Node) while raw fetch and bare openapi-fetch run on theirs (the global fetch).
 */
function variants(baseUrl, fetchImpl, clientFetch) {
  const transport = clientFetch === undefined ? {} : { fetch: clientFetch };
  const url = `${baseUrl}${path.replace("{project_id}", projectId)}`;
  const headers = { "Content-Type": operation.requestContentType, "X-Auth-Token": token };
  const bare = createClient({ baseUrl, fetch: (request) => fetchImpl(request), headers: { "X-Auth-Token": token } });
  const bareSigned = createClient({ baseUrl, fetch: (request) => fetchImpl(request) });
  bareSigned.use({
    async onRequest({ request }) {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const added = await signRequest(
        { method: request.method, url: request.url, headers: request.headers, body: bytes },
        credentials,
        { projectId },
      );
      const signed = new Headers(request.headers);
      for (const [name, value] of Object.entries(added)) signed.set(name, value);
      return new Request(request, { headers: signed, body: bytes });
    },
  });
  const client = createDdsClient({ baseUrl, projectId, auth: { token }, ...transport });
  const clientWithTimeout = createDdsClient({
    baseUrl,
    projectId,
    auth: { token },
    ...transport,
    timeoutMs: 60_000,
  });
  const clientSigned = createDdsClient({ baseUrl, projectId, auth: credentials, ...transport });
  const params = { params: { path: { project_id: projectId } }, body };
  return {
    unsigned: {
      "raw fetch": async () => {
        const response = await fetchImpl(url, { method: "POST", headers, body: JSON.stringify(body) });
        return response.json();
      },
      "bare openapi-fetch": () => bare.POST(path, params),
      "@dbupgrade/client": () => client.batchUpgradeDatabaseVersion(body),
      "@dbupgrade/client, timeoutMs 60 s": () => clientWithTimeout.batchUpgradeDatabaseVersion(body),
    },
    signed: {
      "raw fetch + aksk": async () => {
        const text = JSON.stringify(body);
        const added = await signRequest(
          { method: "POST", url, headers: { "Content-Type": operation.requestContentType }, body: text },
          credentials,
          { projectId },
        );
        const response = await fetchImpl(url, {
          method: "POST",
          headers: { "Content-Type": operation.requestContentType, ...added },
          body: text,
        });
        return response.json();
      },
      "bare openapi-fetch + aksk middleware": () => bareSigned.POST(path, params),
      "@dbupgrade/client (AK/SK)": () => clientSigned.batchUpgradeDatabaseVersion(body),
    },
  };
}

/**
 * Median wall time and CPU time (this process) per call of each variant; rounds interleave the variants
 * so drift hits all alike. CPU time is what the client itself costs, and it barely moves when other
 * processes compete for the machine; wall time includes being descheduled.
 */
async function measure(group, { rounds, calls, capMs }) {
  const names = Object.keys(group);
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  // Warm-up long enough for every variant's code to be optimized before it is measured.
  for (const name of names) for (let i = 0; i < Math.max(1000, calls); i++) await group[name]();
  const deadline = Date.now() + capMs;
  for (let round = 0; round < rounds && Date.now() < deadline; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      for (let i = 0; i < calls; i++) await group[name]();
      const used = process.cpuUsage(cpuStart);
      wall[name].push(Number(process.hrtime.bigint() - start) / calls);
      cpu[name].push(((used.user + used.system) * 1000) / calls);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(
    names.map((n) => [n, { nsPerCall: median(wall[n]), cpuNsPerCall: median(cpu[n]), rounds: wall[n].length }]),
  );
}

function startServer(latencyMs) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./server.mjs", import.meta.url), ["--latency", String(latencyMs)], {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    child.stdout.once("data", (data) =>
      resolve({ url: `http://127.0.0.1:${String(data).trim()}`, stop: () => child.kill() }),
    );
    child.once("error", reject);
  });
}

const results = { perCall: {}, batch: [] };
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);

async function perCallSection(label, baseUrl, fetchImpl, sizes, clientFetch) {
  const groups = variants(baseUrl, fetchImpl, clientFetch);
  for (const [signing, group] of Object.entries(groups)) {
    const measured = await measure(group, sizes);
    results.perCall[`${label}, ${signing}`] = measured;
    console.log(
      `${label}, ${signing}:`,
      Object.entries(measured)
        .map(([n, m]) => `${n} ${fmt(m.nsPerCall)} (cpu ${fmt(m.cpuNsPerCall)})`)
        .join(" | "),
    );
  }
}

await perCallSection(
  "in-memory stub",
  "https://bench.invalid",
  stubFetch,
  quick ? { rounds: 3, calls: 300, capMs: 10_000 } : { rounds: 15, calls: 1500, capMs: 90_000 },
  stubFetch,
);
{
  const server = await startServer(0);
  try {
    await perCallSection(
      "loopback node:http server; client on its default transport, the others on the global fetch",
      server.url,
      (input, init) => fetch(input, init),
      quick ? { rounds: 3, calls: 100, capMs: 15_000 } : { rounds: 15, calls: 300, capMs: 90_000 },
    );
  } finally {
    server.stop();
  }
}

const batchConfigs = quick
  ? [{ instances: 1000, latencyMs: 20, concurrency: 10 }]
  : [
      { instances: 1000, latencyMs: 20, concurrency: 10 },
      { instances: 1000, latencyMs: 50, concurrency: 4 },
      { instances: 1000, latencyMs: 100, concurrency: 20 },
    ];
for (const config of batchConfigs) {
  const server = await startServer(config.latencyMs);
  try {
    const client = createDdsClient({ baseUrl: server.url, projectId, auth: { token } });
    const ids = Array.from({ length: config.instances }, (_, i) => `${String(i).padStart(32, "0")}in02`);
    const chunk = operation.batch.maxItems;
    const idealMs = (Math.ceil(config.instances / chunk) / config.concurrency) * config.latencyMs;
    await upgradeDdsInBatches(client, ids.slice(0, chunk * config.concurrency), { concurrency: config.concurrency });
    // Baseline: the same requests from a bare fetch worker pool (no report, no per-instance bookkeeping).
    const rawPool = async () => {
      const url = `${server.url}${path.replace("{project_id}", projectId)}`;
      const chunks = [];
      for (let i = 0; i < ids.length; i += chunk) chunks.push(ids.slice(i, i + chunk));
      let next = 0;
      const worker = async () => {
        while (next < chunks.length) {
          const response = await fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Auth-Token": token },
            body: JSON.stringify({ instance_ids: chunks[next++] }),
          });
          await response.json();
        }
      };
      await Promise.all(Array.from({ length: config.concurrency }, worker));
    };
    const runs = [];
    const rawRuns = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      let start = performance.now();
      const report = await upgradeDdsInBatches(client, ids, { concurrency: config.concurrency });
      runs.push(performance.now() - start);
      if (report.counts.submitted !== config.instances)
        throw new Error(`batch lost instances: ${JSON.stringify(report.counts)}`);
      start = performance.now();
      await rawPool();
      rawRuns.push(performance.now() - start);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const measuredMs = median(runs);
    const rawMs = median(rawRuns);
    results.batch.push({ ...config, chunk, idealMs, measuredMs, rawMs, ratio: measuredMs / idealMs });
    console.log(
      `batch ${config.instances} @ ${config.latencyMs} ms x concurrency ${config.concurrency}: ${measuredMs.toFixed(1)} ms vs ideal ${idealMs} ms (${(measuredMs / idealMs).toFixed(3)}x); raw fetch pool ${rawMs.toFixed(1)} ms (${(rawMs / idealMs).toFixed(3)}x)`,
    );
  } finally {
    server.stop();
  }
}

// Report.
const lines = [];
const command = `pnpm --filter @dbupgrade/client bench${quick ? " -- --quick" : ""}`;
lines.push("# @dbupgrade/client benchmark results", "");
lines.push(
  `Command: \`${command}\` (after \`pnpm build\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average (1 / 5 / 15 min) at the start ${startLoad}, at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}; other work shared the machine while this ran (rounds interleave, figures are medians).`,
  "",
);
lines.push(
  "Ratios compare variants measured in the same run (median of interleaved rounds). The machine is shared, so absolute numbers move between runs; the ratios are what to read.",
  "",
);
lines.push("## Per call", "");
lines.push(
  "CPU = user + system time of the benchmark process per call (with the loopback server, its own CPU is not counted). In memory, every variant calls the same fetch stub. On loopback, every variant runs with default settings: raw fetch and bare openapi-fetch on the global fetch (undici), the client on its default transport in Node (node:http with keep-alive, no WHATWG Request/Response per call).",
  "",
);
lines.push(
  "| transport, auth | variant | wall per call | CPU per call | vs bare openapi-fetch (wall) | vs bare openapi-fetch (CPU) | vs raw fetch (CPU) |",
  "|---|---|---:|---:|---:|---:|---:|",
);
for (const [section, measured] of Object.entries(results.perCall)) {
  const entries = Object.entries(measured);
  const [raw, bare] = [entries[0][1], entries[1][1]];
  for (const [name, m] of entries) {
    lines.push(
      `| ${section} | ${name} | ${fmt(m.nsPerCall)} | ${fmt(m.cpuNsPerCall)} | ${(m.nsPerCall / bare.nsPerCall).toFixed(2)}× | ${(m.cpuNsPerCall / bare.cpuNsPerCall).toFixed(2)}× | ${(m.cpuNsPerCall / raw.cpuNsPerCall).toFixed(2)}× |`,
    );
  }
}
lines.push("", "## 1,000-instance batch vs ideal", "");
lines.push(
  "Ideal = ceil(n / chunk) / concurrency × latency: the server's added latency alone, with every slot always busy.",
  "",
);
lines.push(
  "The raw fetch pool sends the same requests from bare `fetch` workers (no report): the gap between it and the ideal is the cost of HTTP on this machine, which any client pays.",
  "",
);
lines.push(
  "| instances | chunk (spec maxItems) | server latency | concurrency | ideal | upgradeDdsInBatches | vs ideal | raw fetch pool | vs ideal |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
);
for (const b of results.batch) {
  lines.push(
    `| ${b.instances} | ${b.chunk} | ${b.latencyMs} ms | ${b.concurrency} | ${b.idealMs} ms | ${b.measuredMs.toFixed(1)} ms | ${b.ratio.toFixed(3)}× | ${b.rawMs.toFixed(1)} ms | ${(b.rawMs / b.idealMs).toFixed(3)}× |`,
  );
}
lines.push("");
const output = lines.join("\n");
if (quick) {
  console.log(`\n${output}`);
} else {
  writeFileSync(new URL("./RESULTS.md", import.meta.url), output);
  console.log("\nwrote bench/RESULTS.md");
}
