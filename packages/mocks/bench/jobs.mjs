// @ts-check
// Benchmark of the job list endpoints (the follow operations a poller calls over and over) against
// the batch endpoint, in the same run and the same process: MSW's getResponse over the mock's
// handlers, token auth, spec validation on, a fleet with 60 jobs per service. Rounds alternate
// between the variants and the median round counts, so load from other processes hits all alike.
// Bounded in count and time. Writes bench/RESULTS-jobs.md. Run: pnpm --filter @dbupgrade/mocks run bench
import { writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { getResponse } from "msw";
import { createMockApi, defaultMockCredentials } from "../dist/index.js";

const ROUNDS = 5;
const ITERATIONS = 600;
const WARMUP = 200;
const MAX_MS = 2000;
const project = "619d3e78f61b4be68bc5aa0b59edcf7b";
const T0 = Date.UTC(2026, 0, 15);
const auth = { "X-Auth-Token": defaultMockCredentials.token };

const mock = createMockApi({ seed: 5, instancesPerApi: 80, clock: () => T0 });
// Jobs to list: start an upgrade on every available instance of each service.
for (const api of /** @type {const} */ (["geminidb", "dds", "taurusdb", "gaussdb"])) {
  for (const i of mock.fleet.instances(api, { status: "available" }))
    mock.fleet.startUpgrade(api, i.id, api === "gaussdb" ? { startsAfterMs: 60_000, kind: "scheduled" } : {});
}
mock.clock.advance(5_000);
const ddsJob = mock.fleet.jobs("dds").at(-1)?.id;
if (!ddsJob) throw new Error("no DDS job to show");

const get = (url) => () => new Request(url, { headers: auth });
const variants = [
  [
    "batch: geminidb batchUpgradeDatabaseVersion (POST, 2 ids)",
    () =>
      new Request(`https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/${project}/instances/db-upgrade`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({
          instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13", "3d1e04f49efa473a8c7eaf07ed7ff870in13"],
        }),
      }),
  ],
  [
    "geminidb listJobs (page of 50)",
    get(`https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/${project}/jobs?limit=50`),
  ],
  ["dds showJobDetail (?id=)", get(`https://dds.ap-southeast-1.myhuaweicloud.com/v3/${project}/jobs?id=${ddsJob}`)],
  [
    "taurusdb listImmediateJobs (page of 50)",
    get(
      `https://gaussdb.cn-north-4.myhuaweicloud.com/v3/${project}/immediate-jobs?offset=0&limit=50&job_name=UpgradeGaussDBforMySQLDatabaseVersion`,
    ),
  ],
  [
    "gaussdb listScheduleTask (page of 100)",
    get(`https://gaussdb-opengauss.ap-southeast-1.myhuaweicloud.com/v3/${project}/instances/schedule-tasks?limit=100`),
  ],
];

async function once(make) {
  const response = await getResponse(mock.handlers, make());
  if (!response || response.status >= 500) throw new Error(`bench request failed: ${response?.status}`);
  await response.arrayBuffer();
}

async function round(make, iterations) {
  const started = performance.now();
  let n = 0;
  while (n < iterations && performance.now() - started < MAX_MS) {
    await once(make);
    n++;
  }
  return (n / (performance.now() - started)) * 1000;
}

for (const [, make] of variants) await round(make, WARMUP);
/** @type {number[][]} */
const perRound = variants.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  for (const [i, [, make]] of variants.entries()) perRound[i]?.push(await round(make, ITERATIONS));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = variants.map(([name], i) => ({ name, perSecond: median(perRound[i]) }));
const batch = results[0].perSecond;

const lines = [
  "# Job list endpoints vs the batch endpoint (in process)",
  "",
  `Measured ${new Date().toISOString().slice(0, 16)}Z on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}; shared machine (other work ran at the same time: rounds alternate and figures are medians).`,
  `MSW getResponse over all handlers, token auth and spec validation on; median of ${ROUNDS} alternating rounds of up to ${ITERATIONS} sequential requests.`,
  "Command: `pnpm --filter @dbupgrade/mocks run bench` (this part: `node bench/jobs.mjs`).",
  "",
  "| endpoint | req/s | vs batch |",
  "|---|---:|---:|",
  ...results.map((r) => `| ${r.name} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / batch).toFixed(2)}× |`),
  "",
];
writeFileSync(new URL("./RESULTS-jobs.md", import.meta.url), lines.join("\n"));
console.log(lines.join("\n"));
