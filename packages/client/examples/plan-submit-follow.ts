import {
  createDdsClient,
  followUpgrades,
  planDdsUpgrades,
  upgradeDdsInBatches,
  waitForUpgrades,
  type FollowReport,
} from "@dbupgrade/client";

const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";
const dds = createDdsClient({
  baseUrl: `${mock}/dds`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: process.env.DBUPGRADE_MOCK_TOKEN ?? "dbupgrade-local-token" },
});

// 1. Plan: a dry run that only reads. One row per selected instance: eligible or why not, from -> to, request, ETA.
export const plan = await planDdsUpgrades(dds, { selector: { status: "normal" } });
for (const row of plan.rows) {
  console.log(
    row.eligible
      ? `${row.instanceId}: request ${row.request}, ${row.from} -> ${row.to}, about ${row.etaMinutes ?? "?"} min`
      : `${row.instanceId}: not upgraded (${row.reason}: ${row.detail})`,
  );
}

// 2. Submit: the plan's eligible instances go straight into the batch helper.
const submitted = await upgradeDdsInBatches(
  dds,
  plan.batches.flatMap((batch) => batch.inputs),
);

// 3. Follow: each instance as its job concludes, then one report with every submitted instance once.
const run = followUpgrades(dds, submitted, {
  initialIntervalMs: 1_000,
  maxRequestsPerSecond: 20,
  deadline: Date.now() + 30 * 60_000,
});
for await (const instance of run)
  console.log(`${instance.instanceId}: ${instance.state}${instance.failReason ? ` (${instance.failReason})` : ""}`);
export const report: FollowReport = await run.report;
console.log(report.counts);

// The report is plain JSON: save it, and resume following from the saved copy later (ended jobs are not polled again).
const saved = JSON.stringify(report);
export const resumed = await waitForUpgrades(dds, JSON.parse(saved) as FollowReport);
