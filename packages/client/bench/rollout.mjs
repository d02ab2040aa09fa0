// @ts-check
// Rollout benchmark: 1,000 GeminiDB instances in 10 waves (rolloutUpgrades) against the standalone
// mock server (a child process, real time, short jobs), compared in the same run with:
//  - wall time: no rollout of 10 waves can take less than 10 × the job duration (each wave waits for
//    its jobs) plus the time the same upgrade requests take when sent by a bare fetch pool
//    (concurrency 4, as the batch helper's default) to the same server, plus the time of the minimum
//    follow requests (one ListJobs pass per wave, its pages read one after another as a wave's pass
//    must wait for that wave), sent by bare fetch to the same server. Ratio = wall / that.
//  - requests: the minimum is one upgrade request per chunk of a wave (10 instances, per engine
//    group) plus one ListJobs listing pass per wave once its jobs ended (ceil(wave / 50) pages).
// Usage (after the build): node bench/rollout.mjs [--instances 1000] [--waves 10] [--job-duration 1000] [--quick]
import { fork, execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { apiMeta } from "@dbupgrade/meta";
import * as client from "../dist/index.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const quick = process.argv.includes("--quick");
const instances = arg("--instances", quick ? 200 : 1000);
const waves = arg("--waves", 10);
const jobDurationMs = arg("--job-duration", 1_000);
const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const auth = { token: "dbupgrade-local-token" };
const PAGE = 50;

// The seeded fleet has ineligible instances too: list enough for `instances` eligible ones.
const server = fork(
  new URL("./rollout-server.mjs", import.meta.url),
  ["--instances", String(Math.ceil(instances * 1.6)), "--job-duration", String(jobDurationMs)],
  { stdio: ["ignore", "pipe", "inherit", "ipc"] },
);
const url = await new Promise((resolve, reject) => {
  server.stdout?.once("data", (d) => resolve(String(d).trim()));
  server.once("exit", (code) => reject(new Error(`mock server exited (${code})`)));
});

const c = client.createGeminiDbClient({ baseUrl: `${url}/geminidb`, projectId, auth, timeoutMs: 30_000 });
/** A plan cut to exactly `instances` eligible instances (in plan order, groups kept). */
async function planned() {
  const plan = await client.planGeminiDbUpgrades(c, { concurrency: 8 });
  const keep = new Set(
    plan.rows
      .filter((r) => r.eligible)
      .slice(0, instances)
      .map((r) => r.instanceId),
  );
  return {
    ...plan,
    rows: plan.rows.filter((r) => !r.eligible || keep.has(r.instanceId)),
    batches: plan.batches.map((b) => ({ ...b, inputs: b.inputs.filter((id) => keep.has(id)) })),
  };
}

/** The chunks the waves need, at least: per wave and engine group, ceil(n / 10). */
function chunksOf(plan, waveMembers) {
  const groupOf = new Map(plan.batches.flatMap((b) => b.inputs.map((id) => [id, b.group])));
  return waveMembers.flatMap((members) => {
    const byGroup = new Map();
    for (const id of members) byGroup.set(groupOf.get(id), [...(byGroup.get(groupOf.get(id)) ?? []), id]);
    return [...byGroup.values()].flatMap((ids) =>
      Array.from({ length: Math.ceil(ids.length / plan.chunkSize) }, (_, i) =>
        ids.slice(i * plan.chunkSize, (i + 1) * plan.chunkSize),
      ),
    );
  });
}

/** The same upgrade requests, sent by bare fetch workers (concurrency 4): their time on this server. */
async function bareSubmit(chunks) {
  const path = apiMeta.geminidb.operations.batchUpgradeDatabaseVersion.path.replace("{project_id}", projectId);
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        const response = await fetch(`${url}/geminidb${path}`, {
          method: "POST",
          headers: { "X-Auth-Token": auth.token, "Content-Type": "application/json" },
          body: JSON.stringify({ instance_ids: chunk }),
        });
        if (!response.ok) throw new Error(`bare submit: HTTP ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  return performance.now() - start;
}

/** The minimum follow requests (`pages` ListJobs pages of 50), read one after another by bare fetch. */
async function bareFollow(pages) {
  const path = apiMeta.geminidb.operations.listJobs.path.replace("{project_id}", projectId);
  const start = performance.now();
  for (let i = 0; i < pages; i++) {
    const response = await fetch(`${url}/geminidb${path}?offset=${i * PAGE}&limit=${PAGE}`, {
      headers: { "X-Auth-Token": auth.token },
    });
    if (!response.ok) throw new Error(`bare follow: HTTP ${response.status}`);
    await response.arrayBuffer();
  }
  return performance.now() - start;
}

let row;
try {
  const waveSize = `${100 / waves}%`;
  const first = await planned();
  const members = client
    .planWaves(
      first.rows.filter((r) => r.eligible).map((r) => r.instanceId),
      { waveSize: client.parseAmount(waveSize, "waveSize") },
    )
    .map((w) => w.members);
  const chunks = chunksOf(first, members);
  const bareMs = await bareSubmit(chunks);
  // The same fleet again, untouched, for the rollout.
  await fetch(`${url}/__admin/reset`, { method: "POST" }).then((r) => r.arrayBuffer());
  const plan = await planned();
  const t0 = performance.now();
  const report = await client.rolloutUpgrades(c, plan, {
    waveSize,
    maxErrors: 0,
    // The first poll when the jobs should have ended (the job duration is known here: the peer uses it too).
    follow: {
      initialIntervalMs: jobDurationMs * 1.05,
      maxIntervalMs: jobDurationMs,
      jitter: 0,
      maxRequestsPerSecond: 2_000,
    },
  });
  const wallMs = performance.now() - t0;
  const minimumRequests = chunks.length + members.reduce((n, m) => n + Math.ceil(m.length / PAGE), 0);
  const confirmed = report.waves.reduce((n, w) => n + w.confirmed, 0);
  const bareFollowMs = await bareFollow(minimumRequests - chunks.length);
  row = { bareMs, bareFollowMs, wallMs, report, minimumRequests, chunks: chunks.length, confirmed };
  console.error(
    `${report.waves.length} waves, ${confirmed} confirmed, ${report.requests} + ${report.followRequests} requests, ${(wallMs / 1000).toFixed(1)} s`,
  );
} finally {
  server.disconnect();
}

const f = (x, d = 2) => x.toFixed(d);
const peerMs = waves * jobDurationMs + row.bareMs + row.bareFollowMs;
const requests = row.report.requests + row.report.followRequests;
const uptime = (() => {
  try {
    return execSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return "uptime unavailable";
  }
})();
const lines = [
  "# @dbupgrade/client rollout benchmark",
  "",
  `Command: \`node packages/client/bench/rollout.mjs --instances ${instances} --waves ${waves} --job-duration ${jobDurationMs}\` (after \`pnpm build\`; part of \`pnpm --filter @dbupgrade/client bench\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}. \`uptime\` at the end: \`${uptime}\`.`,
  "",
  `\`rolloutUpgrades\` of ${instances} GeminiDB instances in ${waves} waves of ${100 / waves} % (batch concurrency 4, follower: first poll at 1.05 × job duration, no jitter) against the standalone mock server in a child process, real time, every job running ${jobDurationMs / 1000} s, jobs visible at once.`,
  "",
  "| measure | dbupgrade | peer | peer is | ratio (goal ≤ 1.20×) |",
  "|---|---:|---:|---|---:|",
  `| wall time | ${f(row.wallMs / 1000)} s | ${f(peerMs / 1000)} s | ${waves} × job duration (${f((waves * jobDurationMs) / 1000)} s) + the same ${row.chunks} upgrade requests from a bare fetch pool, concurrency 4 (${f(row.bareMs / 1000)} s) + the ${row.minimumRequests - row.chunks} minimum ListJobs pages by bare fetch, one after another (${f(row.bareFollowMs / 1000)} s), same run | **${f(row.wallMs / peerMs)}×** |`,
  `| requests | ${requests} (${row.report.requests} upgrade + ${row.report.followRequests} follow) | ${row.minimumRequests} | one request per chunk of a wave (${row.chunks}) + one ListJobs pass per wave once its jobs ended (${row.minimumRequests - row.chunks}) | **${f(requests / row.minimumRequests)}×** |`,
  "",
  `Profile. Wave wall times (submit → every job seen ended): ${row.report.waves.map((w) => `${f((Date.parse(w.endedAt) - Date.parse(w.startedAt)) / 1000, 1)} s`).join(", ")}; the ideal is the job duration plus a tenth of the bare submit and follow time (${f((jobDurationMs + (row.bareMs + row.bareFollowMs) / waves) / 1000, 2)} s).`,
  "",
  `Follower requests per wave (listing passes): ${row.report.followPerWave.map((w) => `${w.requests} (${w.passes})`).join(", ")}. The minimum counts one pass per wave. The first wave's follower scouts (one page, or its first jobs one by one) to learn the job duration; each later wave starts from the duration learned so far (\`jobDurationMs\`) and lists only jobs created after the newest job time seen so far (\`listedSince\`: the previous wave's last job end, server clock), so it needs one pass of its own pages.`,
  "",
  ...(row.wallMs / peerMs > 1.2 || requests / row.minimumRequests > 1.2
    ? [
        `Goal missed; where it goes (from the profile above): the duration each wave's follower learned (submission → seen completed; later waves start from the shortest so far) was ${row.report.followPerWave.map((w) => (w.jobDurationMs === undefined ? "?" : `${f(w.jobDurationMs / 1000)} s`)).join(", ")} for ${f(jobDurationMs / 1000)} s jobs: the first wave's scouts see a job completed only after its end plus the follower's minimum gap past an estimate (250 ms) plus the request's latency under the machine's load, and every later wave's one pass waits for that estimate. Requests per wave are at the minimum after the first. Next step: learn the duration from the last running row's progress (the job's own estimate of its end) rather than from the time a poll saw it completed, with a margin for the submission's latency (a pass that comes too early costs a whole poll interval).`,
        "",
      ]
    : []),
  `Outcome: ${row.report.waves.length} waves, ${row.confirmed} confirmed, stopped: ${row.report.stopped ? row.report.stopped.reason : "no"}.`,
  "",
];
const out = lines.join("\n");
console.log(out);
if (!quick) writeFileSync(new URL("./ROLLOUT-RESULTS.md", import.meta.url), out);
