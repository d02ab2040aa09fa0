// @ts-check
// Normal clients during a slow-client flood: the standalone mock server (its own process, default
// limits: 256 connections, 10 s / 30 s timeouts) with 300 slow connections held (silent, headers
// trickling, a body trickling, pipelined answers never read; a closed one is reopened after 100 ms),
// while 4 normal clients send requests on new connections. Peers in the same run: the same server
// without the flood, and bare node:http (no connection cap) under the same flood. Prints a Markdown
// table. Run: node bench/slow-flood.mjs   (FLOOD_SECONDS=8 per case; bounded in time and count)
import { spawn } from "node:child_process";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { defaultMockCredentials } from "../dist/index.js";

const SECONDS = Number(process.env.FLOOD_SECONDS ?? 8);
const FLOOD = 300;
const NORMAL_IN_FLIGHT = 4;
const MAX_NORMAL = 100_000;
const path = "/dds/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances/db-upgrade";
const body = JSON.stringify({ instance_ids: [`${"f".repeat(32)}in02`] });
const request = (connection) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
  `X-Auth-Token: ${defaultMockCredentials.token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
  `Connection: ${connection}\r\n\r\n${body}`;

async function startServer(kind) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./server-process.mjs", import.meta.url)), kind], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { port, stop: () => child.kill("SIGTERM") };
}

/** Keeps `FLOOD` slow connections open until `until()` says stop. */
function flood(port, until) {
  const kinds = ["silent", "slow headers", "slow body", "never reads"];
  const sockets = new Set();
  const open = (kind) => {
    if (until()) return;
    const socket = net.connect(port, "127.0.0.1");
    sockets.add(socket);
    let timer;
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      sockets.delete(socket);
      setTimeout(() => open(kind), 100);
    });
    socket.on("connect", () => {
      const trickle = (piece) => {
        timer = setInterval(() => socket.writable && socket.write(piece), 250);
      };
      if (kind === "slow headers") {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
        trickle("X-Slow: a\r\n");
      } else if (kind === "slow body") {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{`);
        trickle(" ");
      } else if (kind === "never reads") {
        socket.write(request("keep-alive") + request("keep-alive"));
        socket.pause();
      }
    });
  };
  for (let i = 0; i < FLOOD; i++) open(kinds[i % kinds.length]);
  return () => {
    for (const socket of sockets) socket.destroy();
  };
}

function normalRequest(port) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    socket.on("error", () => {});
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("close", () =>
      resolve({ status: Number(text.split(" ")[1] ?? 0) || 0, ms: performance.now() - started }),
    );
    socket.on("connect", () => socket.write(request("close")));
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN;
};

async function runCase(name, kind, withFlood) {
  const server = await startServer(kind);
  let done = false;
  const stopFlood = withFlood ? flood(server.port, () => done) : () => {};
  // Let the flood fill the cap before measuring.
  if (withFlood) await new Promise((r) => setTimeout(r, 1500));
  const results = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: NORMAL_IN_FLIGHT }, async () => {
      while (performance.now() < end && results.length < MAX_NORMAL) results.push(await normalRequest(server.port));
    }),
  );
  done = true;
  stopFlood();
  server.stop();
  const served = results.filter((r) => r.status === 202);
  return {
    name,
    sent: results.length,
    served: served.length,
    p50: percentile(
      served.map((r) => r.ms),
      50,
    ),
    p99: percentile(
      served.map((r) => r.ms),
      99,
    ),
  };
}

const rows = [
  await runCase("mock server, no flood", "mock", false),
  await runCase("mock server, 300 slow connections", "mock", true),
  await runCase("bare node:http (no cap), 300 slow connections", "bare", true),
];
const quiet = rows[0];
console.log("| case | normal requests | served | p50 ms | p99 ms | p50 / no-flood p50 |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.sent} | ${r.served} (${((100 * r.served) / Math.max(1, r.sent)).toFixed(1)} %) | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p50 / quiet.p50).toFixed(2)} |`,
  );
}
