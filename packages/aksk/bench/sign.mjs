// @ts-check
// Signing cost per request (run after the build: `pnpm --filter @dbupgrade/aksk bench`), against the
// baseline a Node user would write by hand: the same SDK-HMAC-SHA256 with node:crypto, no checks, no
// normalisation. Every variant signs the same request to the same Authorization (asserted), rounds
// interleave the variants and the median round is reported. Bounded: fixed rounds, a time cap.
import { createHash, createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { signRequest } from "@dbupgrade/aksk"; // the "node" export condition: dist/node.js
import { useHashEngine, webCryptoEngine } from "../dist/digest.js";
import { nodeCryptoEngine } from "../dist/digest-node.js";

const quick = process.argv.includes("--quick");
const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const url = `https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/${projectId}/instances/db-upgrade`;
const body = JSON.stringify({
  instance_ids: ["046287aae57843b1a7bc61b7a8812f41in06", "3d1e04f49efa473a8c7eaf07ed7ff870in06"],
});
const credentials = { accessKey: "BENCHACCESSKEY000001", secretKey: "bench-secret-key-0123456789" };
const date = new Date("2026-11-29T12:00:00Z");

/** The hand-written node:crypto signer: what the SDKs do, for this one request shape. */
function nodeCryptoBaseline() {
  const { host, pathname } = new URL(url);
  const sdkDate = date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const signedHeaders = "host;x-project-id;x-sdk-date";
  const canonical = [
    "POST",
    `${pathname}/`,
    "",
    `host:${host}\nx-project-id:${projectId}\nx-sdk-date:${sdkDate}\n`,
    signedHeaders,
    createHash("sha256").update(body).digest("hex"),
  ].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${sdkDate}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", credentials.secretKey).update(toSign).digest("hex");
  return {
    "X-Sdk-Date": sdkDate,
    "X-Project-Id": projectId,
    Authorization: `SDK-HMAC-SHA256 Access=${credentials.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

const signWith = (engine) => async () => {
  useHashEngine(engine);
  return signRequest({ method: "POST", url, headers: { "Content-Type": "application/json" }, body }, credentials, {
    date,
    projectId,
  });
};

/** The client's signing step before this change: WebCrypto, and the Request read and rebuilt to get at the body. */
async function webCryptoRebuildingRequest() {
  useHashEngine(webCryptoEngine);
  const request = new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const bytes = new Uint8Array(await request.arrayBuffer());
  const added = await signRequest(
    { method: request.method, url: request.url, headers: request.headers, body: bytes },
    credentials,
    { date, projectId },
  );
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  new Request(request, { headers, body: bytes });
  return added;
}

const variants = {
  "node:crypto, hand-written (baseline)": async () => nodeCryptoBaseline(),
  "@dbupgrade/aksk, Node entry (node:crypto)": signWith(nodeCryptoEngine),
  "@dbupgrade/aksk, WebCrypto engine (browser path), key cached": signWith(webCryptoEngine),
  "before: WebCrypto + rebuilding the Request": webCryptoRebuildingRequest,
};

const expected = nodeCryptoBaseline().Authorization;
for (const [name, sign] of Object.entries(variants)) {
  const { Authorization } = await sign();
  if (Authorization !== expected) throw new Error(`${name} signs differently:\n${Authorization}\n${expected}`);
}

const rounds = quick ? 15 : 41;
const calls = quick ? 300 : 1000;
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
/** Per round: the variant's time over the baseline's in the same round (and group). */
/** @type {Record<string, number[]>} */
const ratios = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));

/**
 * Interleaved rounds over some variants. The synchronous node:crypto variants are measured apart from
 * the WebCrypto ones (each group with the baseline), so thread-pool work and garbage left behind by a
 * WebCrypto round does not land on a neighbour's clock.
 */
async function measure(names, capMs) {
  for (const name of names) for (let i = 0; i < 2000; i++) await variants[name]();
  const deadline = Date.now() + capMs;
  for (let round = 0; round < rounds && Date.now() < deadline; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) await variants[name]();
      const used = process.cpuUsage(start);
      samples[name].push((used.user + used.system) / calls);
    }
    const base = /** @type {number} */ (samples[String(names[0])]?.at(-1));
    for (const name of names) ratios[name]?.push(/** @type {number} */ (samples[name]?.at(-1)) / base);
  }
}
const [baselineName, nodeEntry, ...webCrypto] = Object.keys(variants);
await measure([baselineName, nodeEntry], quick ? 8_000 : 60_000);
await measure([baselineName, ...webCrypto], quick ? 8_000 : 60_000);
useHashEngine(nodeCryptoEngine);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = [
  "# @dbupgrade/aksk signing benchmark",
  "",
  `Command: \`pnpm --filter @dbupgrade/aksk bench${quick ? " -- --quick" : ""}\` (after \`pnpm build\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}.`,
  "",
  "One POST with a JSON body and X-Project-Id, signed with a fixed date; every variant produces the same Authorization (checked before measuring). Rounds interleave each variant with the baseline; the ratio is the median over rounds of (variant ÷ baseline in the same round), the µs column the median round. Time is the process's CPU time (user + system, all threads, so WebCrypto's thread pool counts): on a shared machine it moves far less than wall time. The machine is shared: read the ratios. Goal: the Node entry ≤ 1.5× the hand-written node:crypto signer.",
  "",
  "| variant | CPU µs per signature | vs node:crypto hand-written |",
  "|---|---:|---:|",
  ...Object.entries(samples).map(
    ([name, xs]) => `| ${name} | ${median(xs).toFixed(1)} | ${median(ratios[name]).toFixed(2)}× |`,
  ),
  "",
];
console.log(lines.join("\n"));
if (!quick) writeFileSync(new URL("./RESULTS.md", import.meta.url), lines.join("\n"));
