// @ts-nocheck: rewritten for the default transport while the tools got // @ts-check; typing its child-process and result tables is still to do.
// @dbupgrade/client vs the official Huawei Cloud Node SDK (GeminiDB,
// @huaweicloud/huaweicloud-sdk-gaussdbfornosql, the only one of the four services with a Node SDK) and
// bare openapi-fetch: the same batchUpgradeDatabaseVersion call against the same loopback server (a
// child process), calls per second one at a time and with 16 in flight, default settings on every side
// (the client's default transport is node:http in Node). The SDK signs with AK/SK only (it has no token
// auth); the client runs with AK/SK and with a token. Rounds interleave the variants; the ratio is the
// median over rounds of variant ÷ SDK in the same round. Bounded: fixed rounds and calls, a time cap.
// Run after the build: `pnpm --filter @dbupgrade/client bench:sdk` (also part of `pnpm bench`).
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { signRequest } from "@dbupgrade/aksk";
import { geminidbMeta } from "@dbupgrade/meta";
import createClient from "openapi-fetch";
import { createGeminiDbClient } from "../dist/index.js";

const quick = process.argv.includes("--quick");
const writeResults = !quick && !process.argv.includes("--no-write");
// The SDK writes ~/.huaweicloud/application_id on first use: give it a throwaway HOME.
const home = mkdtempSync(join(tmpdir(), "dbupgrade-sdk-bench-"));
process.env.HOME = home;
const require = createRequire(import.meta.url);
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
const nosql = require("@huaweicloud/huaweicloud-sdk-gaussdbfornosql");

const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const credentials = { accessKey: "BENCHACCESSKEY000001", secretKey: "bench-secret-key-0123456789" };
const instanceIds = ["046287aae57843b1a7bc61b7a8812f41in06", "3d1e04f49efa473a8c7eaf07ed7ff870in06"];

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./server.mjs", import.meta.url), ["--latency", "0"], {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    child.stdout.once("data", (data) =>
      resolve({ url: `http://127.0.0.1:${String(data).trim()}`, stop: () => child.kill() }),
    );
    child.once("error", reject);
  });
}

const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
const startLoad = loadNow();
const server = await startServer();
try {
  const sdk = nosql.GaussDBforNoSQLClient.newBuilder()
    .withCredential(
      new BasicCredentials().withAk(credentials.accessKey).withSk(credentials.secretKey).withProjectId(projectId),
    )
    .withEndpoint(server.url)
    .build();
  const client = createGeminiDbClient({ baseUrl: server.url, projectId, auth: credentials });
  const tokenClient = createGeminiDbClient({ baseUrl: server.url, projectId, auth: { token: "bench-token-0123" } });
  // The opt-out: the global fetch (undici), as before node:http became the default.
  const clientOverFetch = createGeminiDbClient({
    baseUrl: server.url,
    projectId,
    auth: credentials,
    fetch: (request) => fetch(request),
  });
  // Bare openapi-fetch (its default: the global fetch) with an AK/SK signing middleware.
  const path = geminidbMeta.operations.batchUpgradeDatabaseVersion.path;
  const bare = createClient({ baseUrl: server.url });
  bare.use({
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
  const check = (who, result) => {
    if (result?.upgrade_results?.length !== 2) throw new Error(`${who}: unexpected answer ${JSON.stringify(result)}`);
  };
  const variants = {
    "official SDK (GeminiDB, AK/SK)": async () => {
      const result = await sdk.batchUpgradeDatabaseVersion(
        new nosql.BatchUpgradeDatabaseVersionRequest().withBody(
          new nosql.BatchUpgradeDatabaseVersionRequestBody().withInstanceIds(instanceIds),
        ),
      );
      if (result.upgrade_results?.length !== 2) throw new Error(`SDK: unexpected answer ${JSON.stringify(result)}`);
    },
    "@dbupgrade/client (AK/SK), default transport": async () =>
      check("client", await client.batchUpgradeDatabaseVersionOrThrow({ instance_ids: instanceIds })),
    "@dbupgrade/client (token), default transport": async () =>
      check("token client", await tokenClient.batchUpgradeDatabaseVersionOrThrow({ instance_ids: instanceIds })),
    "@dbupgrade/client (AK/SK), fetch option = global fetch": async () =>
      check(
        "client over fetch",
        await clientOverFetch.batchUpgradeDatabaseVersionOrThrow({ instance_ids: instanceIds }),
      ),
    "bare openapi-fetch + AK/SK middleware": async () => {
      const { data } = await bare.POST(path, {
        params: { path: { project_id: projectId } },
        body: { instance_ids: instanceIds },
      });
      check("bare openapi-fetch", data);
    },
  };
  const names = Object.keys(variants);
  const modes = { sequential: 1, "16 in flight": 16 };
  const calls = quick ? 200 : 600;
  const rounds = quick ? 3 : 9;
  const perSecond = Object.fromEntries(
    Object.keys(modes).map((m) => [m, Object.fromEntries(names.map((n) => [n, []]))]),
  );
  const cpuUs = Object.fromEntries(Object.keys(modes).map((m) => [m, Object.fromEntries(names.map((n) => [n, []]))]));

  /** Calls per second, and CPU µs per call of this process (the client's own work; the server is a child process). */
  async function run(call, inFlight, count) {
    let left = count;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (left-- > 0) await call();
      }),
    );
    const cpu = process.cpuUsage(cpuStart);
    return { perSecond: (count / (performance.now() - start)) * 1000, cpuUs: (cpu.user + cpu.system) / count };
  }

  for (const name of names) await run(variants[name], 16, quick ? 500 : 2000); // warm-up: JIT, sockets
  const deadline = Date.now() + (quick ? 40_000 : 300_000);
  for (let round = 0; round < rounds && Date.now() < deadline; round++) {
    for (const [mode, inFlight] of Object.entries(modes)) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        const measured = await run(variants[name], inFlight, calls);
        perSecond[mode][name].push(measured.perSecond);
        cpuUs[mode][name].push(measured.cpuUs);
      }
    }
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [sdkName, ...clientNames] = names;
  const rows = Object.keys(modes).flatMap((mode) =>
    clientNames.map((clientName) => {
      const ratios = perSecond[mode][clientName].map((c, i) => c / perSecond[mode][sdkName][i]);
      const cpuRatios = cpuUs[mode][clientName].map((c, i) => cpuUs[mode][sdkName][i] / c);
      return {
        mode,
        name: clientName,
        sdk: median(perSecond[mode][sdkName]),
        client: median(perSecond[mode][clientName]),
        ratio: median(ratios),
        sdkCpu: median(cpuUs[mode][sdkName]),
        clientCpu: median(cpuUs[mode][clientName]),
        cpuRatio: median(cpuRatios),
        rounds: ratios.length,
      };
    }),
  );
  const lines = [
    "# @dbupgrade/client vs the official Huawei Cloud Node SDK",
    "",
    `Command: \`pnpm --filter @dbupgrade/client bench:sdk\` (after \`pnpm build\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average (1 / 5 / 15 min) at the start ${startLoad}, at the end ${loadNow()}. The machine was shared with other work while this ran: rounds are interleaved and every figure is a median, and the CPU-per-call columns move far less with load than calls/s.`,
    "",
    "The same GeminiDB `batchUpgradeDatabaseVersion` (two instances) against the same loopback node:http server in a child process; every answer is checked. Default settings on every side: the client's default transport in Node is node:http with keep-alive (as the SDK's axios); the opt-out row sets `fetch` to the global fetch (undici); bare openapi-fetch uses the global fetch with an AK/SK signing middleware. The SDK has AK/SK only, so the token row is compared with the SDK's AK/SK calls. Rounds interleave the variants; calls/s is the median round, the ratio the median over rounds of variant ÷ SDK in the same round. Goal: AK/SK client, default transport, ≥ 1.5× calls/s sequentially and with 16 in flight. CPU per call is this process's user + system time (the server is a child process): what each client itself costs.",
    "",
    "| mode | client | official SDK calls/s | client calls/s | client ÷ SDK (calls/s) | SDK CPU µs/call | client CPU µs/call | SDK ÷ client (CPU per call) | rounds |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${r.name} | ${r.sdk.toFixed(0)} | ${r.client.toFixed(0)} | ${r.ratio.toFixed(2)}× | ${r.sdkCpu.toFixed(0)} | ${r.clientCpu.toFixed(0)} | ${r.cpuRatio.toFixed(2)}× | ${r.rounds} |`,
    ),
    "",
  ];
  console.log(lines.join("\n"));
  if (writeResults) writeFileSync(new URL("./RESULTS-sdk.md", import.meta.url), lines.join("\n"));
} finally {
  server.stop();
  rmSync(home, { recursive: true, force: true });
}
