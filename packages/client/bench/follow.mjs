// @ts-nocheck: its service table mixes the per-service helpers (and a "carried" variant) by key; typing it is still to do.
// Follow benchmark: plan, submit and follow N instances per service against the standalone mock server
// (a child process, real time), and compare with what any poller must spend:
//  - requests vs the minimum. Id-based APIs (GeminiDB ListJobs?id=, DDS ShowJobDetail): one poll per job
//    once it has ended = N. Listing APIs (TaurusDB ListImmediateJobs, openGauss ListScheduleTask): one
//    listing pass once every job has ended = ceil(N / page size). Also shown: passes made, and requests
//    vs "one listing pass per poll round" (the issue's per-round minimum for listing APIs).
//  - wall time from the first submission to the final report vs the mock's job duration, and vs what
//    no poller can avoid: the submission itself + the job duration + the time the minimum requests
//    take when sent by a bare fetch pool (concurrency 8) to the same server in the same run.
// Usage (after the build): node bench/follow.mjs [--instances 1000] [--job-duration 20000] [--quick]
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { apiMeta } from "@dbupgrade/meta";
import * as client from "../dist/index.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const quick = process.argv.includes("--quick");
const instances = arg("--instances", quick ? 200 : 1000);
const jobDurationMs = arg("--job-duration", quick ? 10_000 : 20_000);
const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
const auth = { token: "dbupgrade-local-token" };

// The fleet has some instances that are not eligible (statuses, versions): list enough to follow `instances`.
const server = fork(
  new URL("./follow-server.mjs", import.meta.url),
  ["--instances", String(Math.ceil(instances * 1.6)), "--job-duration", String(jobDurationMs)],
  { stdio: ["ignore", "pipe", "inherit", "ipc"] },
);
const url = await new Promise((resolve, reject) => {
  server.stdout?.once("data", (d) => resolve(String(d).trim()));
  server.once("exit", (code) => reject(new Error(`mock server exited (${code})`)));
});

const services = {
  geminidb: {
    create: client.createGeminiDbClient,
    plan: client.planGeminiDbUpgrades,
    submit: (c, inputs) => client.upgradeGeminiDbInBatches(c, inputs, { concurrency: 8 }),
    minimum: (n) => ({ value: n, rule: "one ListJobs?id= per job once ended (N)" }),
  },
  dds: {
    create: client.createDdsClient,
    plan: (c) => client.planDdsUpgrades(c, { eta: false }),
    submit: (c, inputs) => client.upgradeDdsInBatches(c, inputs, { concurrency: 8 }),
    minimum: (n) => ({ value: n, rule: "one ShowJobDetail per job once ended (N)" }),
  },
  taurusdb: {
    create: client.createTaurusDbClient,
    plan: client.planTaurusDbUpgrades,
    submit: (c, inputs) => client.upgradeTaurusDbInBatches(c, inputs, { delay: false, concurrency: 8 }),
    page: 50,
    minimum: (n) => ({ value: Math.ceil(n / 50), rule: "one ListImmediateJobs pass once all ended: ceil(N/50)" }),
  },
  gaussdb: {
    create: client.createGaussDbClient,
    plan: client.planGaussDbHotfixes,
    page: 100,
    minimum: (n) => ({ value: Math.ceil(n / 100), rule: "one ListScheduleTask pass once all ended: ceil(N/100)" }),
  },
};

/** The minimum requests (by job id, or the pages of one pass), sent by bare fetch workers: their time on this server. */
async function bareMinimum(api, report, count) {
  const op = { geminidb: "listJobs", dds: "showJobDetail", taurusdb: "listImmediateJobs", gaussdb: "listScheduleTask" }[
    api
  ];
  const base = `${url}/${api}${apiMeta[api].operations[op].path.replace("{project_id}", projectId)}`;
  const urls = Array.from({ length: count }, (_, i) =>
    api === "geminidb" || api === "dds"
      ? `${base}?id=${encodeURIComponent(report.instances[i].jobId)}`
      : api === "taurusdb"
        ? `${base}?offset=${i * 50}&limit=50`
        : `${base}?name=HOTFIX_VERSION_UPGRADE&offset=${i * 100}&limit=100`,
  );
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < urls.length) {
        const response = await fetch(urls[next++], { headers: { "X-Auth-Token": auth.token } });
        await response.arrayBuffer();
      }
    }),
  );
  return performance.now() - start;
}

const rows = [];
// openGauss's rows carry no progress: without a known duration, finding the end within the policy's lateness
// bound takes scouting. The last run follows the same fleet again (reset) with the duration the first
// openGauss run learned (`jobDurationMs`, as a rollout's later wave): what knowing it saves.
const runs = [...Object.entries(services), ["gaussdb", { ...services.gaussdb, carried: true }]];
try {
  for (const [api, s] of runs) {
    if (s.carried) await fetch(`${url}/__admin/reset`, { method: "POST" }).then((r) => r.arrayBuffer());
    const c = s.create({ baseUrl: `${url}/${api}`, projectId, auth, timeoutMs: 30_000 });
    const plan = await s.plan(c, { concurrency: 8 });
    // Exactly `instances` eligible instances, in the plan's groups.
    let left = instances;
    const batches = plan.batches
      .map((b) => ({ ...b, inputs: b.inputs.slice(0, Math.max(0, (left -= b.inputs.length) + b.inputs.length)) }))
      .filter((b) => b.inputs.length > 0);
    const t0 = performance.now();
    const reports = [];
    for (const batch of batches) {
      reports.push(
        api === "gaussdb"
          ? // `services` maps each API to its own client; the union cannot say that `c` is openGauss's here.
            await client.scheduleGaussDbHotfixInBatches(/** @type {any} */ (c), batch.inputs, {
              startTime: new Date(Date.now() + 1_000),
              targetVersion: batch.group,
              concurrency: 8,
            })
          : await s.submit(c, batch.inputs),
      );
    }
    const t1 = performance.now();
    const source = { ...reports[0], outcomes: reports.flatMap((r) => r.outcomes) };
    const n = source.outcomes.filter((o) => o.status === "submitted").length;
    const report = await client.waitForUpgrades(c, source, {
      initialIntervalMs: 1_000,
      maxIntervalMs: 10_000,
      maxRequestsPerSecond: 2_000,
      concurrency: 8,
      visibilityGraceMs: 30_000,
      deadline: Date.now() + 10 * jobDurationMs,
      ...(s.carried ? { jobDurationMs: rows.find((r) => r.api === api)?.learnedMs } : {}),
    });
    const t2 = performance.now();
    const min = s.minimum(n);
    const minimumMs = await bareMinimum(api, report, min.value);
    rows.push({
      api: s.carried
        ? `${api} (duration known: ${((rows.find((r) => r.api === api)?.learnedMs ?? 0) / 1000).toFixed(1)} s from the run above)`
        : api,
      learnedMs: report.jobDurationMs,
      n,
      submitMs: t1 - t0,
      wallMs: t2 - t0,
      requests: report.requests,
      passes: report.passes,
      min,
      minimumMs,
      counts: report.counts,
      pageSize: s.page,
    });
    console.error(
      `${api}: ${n} followed, ${report.requests} requests (${report.passes} passes), ${((t2 - t0) / 1000).toFixed(1)} s, ${JSON.stringify(report.counts)}`,
    );
  }
} finally {
  server.disconnect();
}

const f = (x, d = 2) => x.toFixed(d);
const lines = [
  "# @dbupgrade/client follow benchmark",
  "",
  `Command: \`node packages/client/bench/follow.mjs --instances ${instances} --job-duration ${jobDurationMs}\` (after \`pnpm build\`; part of \`pnpm --filter @dbupgrade/client bench\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}.`,
  "",
  `Each service: plan, submit every eligible instance (concurrency 8), then \`waitForUpgrades\` (initialIntervalMs 1 000, maxIntervalMs 10 000, maxRequestsPerSecond 2 000, concurrency 8) against the standalone mock server in a child process, real time, every job running ${jobDurationMs / 1000} s.`,
  "",
  "| service | instances | requests | minimum (definition) | requests vs minimum | listing passes | vs one pass per round | submit | minimum requests, bare fetch | wall (first submit → report) | wall vs job duration | wall vs submit + job + minimum requests | outcome |",
  "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ...rows.map((r) => {
    const perRound = r.pageSize ? `${f(r.requests / Math.max(1, r.passes * Math.ceil(r.n / r.pageSize)))}×` : "—";
    return `| ${r.api} | ${r.n} | ${r.requests} | ${r.min.value} (${r.min.rule}) | **${f(r.requests / r.min.value)}×** | ${r.passes} | ${perRound} | ${f(r.submitMs / 1000, 1)} s | ${f(r.minimumMs / 1000, 1)} s | ${f(r.wallMs / 1000, 1)} s | ${f(r.wallMs / jobDurationMs)}× | **${f(r.wallMs / (r.submitMs + jobDurationMs + r.minimumMs))}×** | ${Object.entries(
      r.counts,
    )
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")} |`;
  }),
  "",
];
const out = lines.join("\n");
console.log(out);
if (!quick) writeFileSync(new URL("./FOLLOW-RESULTS.md", import.meta.url), out);
