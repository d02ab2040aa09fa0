// @ts-check
// @dbupgrade/client with AK/SK vs the official Huawei Cloud Node SDK (GeminiDB,
// @huaweicloud/huaweicloud-sdk-gaussdbfornosql, the only one of the four services with a Node SDK): the
// same signed batchUpgradeDatabaseVersion call against the same loopback server (a child process),
// calls per second one at a time and with 16 in flight. Rounds interleave the two; the ratio is the
// median over rounds of client ÷ SDK in the same round. Bounded: fixed rounds and calls, a time cap.
// Run after the build: `pnpm --filter @dbupgrade/client bench:sdk` (also part of `pnpm bench`).
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createGeminiDbClient } from "../dist/index.js";
import { createNodeHttpFetch } from "../dist/node-http-fetch.js";

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
    child.stdout?.once("data", (data) =>
      resolve({ url: `http://127.0.0.1:${String(data).trim()}`, stop: () => child.kill() }),
    );
    child.once("error", reject);
  });
}

const server = await startServer();
try {
  const sdk = nosql.GaussDBforNoSQLClient.newBuilder()
    .withCredential(
      new BasicCredentials().withAk(credentials.accessKey).withSk(credentials.secretKey).withProjectId(projectId),
    )
    .withEndpoint(server.url)
    .build();
  const client = createGeminiDbClient({ baseUrl: server.url, projectId, auth: credentials });
  const clientOverHttp = createGeminiDbClient({
    baseUrl: server.url,
    projectId,
    auth: credentials,
    fetch: createNodeHttpFetch(),
  });
  const variants = {
    "official SDK (GeminiDB, AK/SK)": async () => {
      const result = await sdk.batchUpgradeDatabaseVersion(
        new nosql.BatchUpgradeDatabaseVersionRequest().withBody(
          new nosql.BatchUpgradeDatabaseVersionRequestBody().withInstanceIds(instanceIds),
        ),
      );
      // The SDK declares the answer's fields private; the bench reads them as they arrive.
      if (/** @type {any} */ (result).upgrade_results?.length !== 2)
        throw new Error(`SDK: unexpected answer ${JSON.stringify(result)}`);
    },
    "@dbupgrade/client (AK/SK)": async () => {
      const result = await client.batchUpgradeDatabaseVersionOrThrow({ instance_ids: instanceIds });
      if (result.upgrade_results?.length !== 2) throw new Error(`client: unexpected answer ${JSON.stringify(result)}`);
    },
    "@dbupgrade/client (AK/SK), fetch from @dbupgrade/client/node-http": async () => {
      const result = await clientOverHttp.batchUpgradeDatabaseVersionOrThrow({ instance_ids: instanceIds });
      if (result.upgrade_results?.length !== 2) throw new Error(`client: unexpected answer ${JSON.stringify(result)}`);
    },
  };
  const names = Object.keys(variants);
  const modes = { sequential: 1, "16 in flight": 16 };
  const calls = quick ? 200 : 600;
  const rounds = quick ? 3 : 9;
  /** @type {Record<string, Record<string, number[]>>} */
  const perSecond = Object.fromEntries(
    Object.keys(modes).map((m) => [m, Object.fromEntries(names.map((n) => [n, []]))]),
  );
  /** @type {Record<string, Record<string, number[]>>} */
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
  const deadline = Date.now() + (quick ? 30_000 : 180_000);
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
    `Command: \`pnpm --filter @dbupgrade/client bench:sdk\` (after \`pnpm build\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}.`,
    "",
    "The same signed GeminiDB `batchUpgradeDatabaseVersion` (two instances) against the same loopback node:http server in a child process; every answer is checked. The global fetch of Node 20 (undici) is the client's default; `createNodeHttpFetch()` from `@dbupgrade/client/node-http` sends over node:http with keep-alive, as the SDK (axios) does. Rounds interleave the two; calls/s is the median round, the ratio the median over rounds of client ÷ SDK in the same round. Goal: ≥ 1.5× calls/s. CPU per call is this process's user + system time (the server is a child process): what each client itself costs, which moves far less than wall time on a shared machine.",
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
