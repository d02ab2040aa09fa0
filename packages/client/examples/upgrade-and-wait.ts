import { createTaurusDbClient, upgradeTaurusDbAndWait } from "@dbupgrade/client";

const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";
const taurusdb = createTaurusDbClient({
  baseUrl: `${mock}/taurusdb`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: process.env.DBUPGRADE_MOCK_TOKEN ?? "dbupgrade-local-token" },
});

// dryRun: plan only (ShowInstanceDatabaseVersion per instance gives from -> to); nothing is submitted.
export const preview = await upgradeTaurusDbAndWait(taurusdb, { delay: false, dryRun: true, selector: { name: "*" } });
console.log(
  `${preview.plan.counts.eligible} of ${preview.plan.counts.selected} would be upgraded in ${preview.plan.chunks.length} requests`,
);

// The same call without dryRun: plan -> submit (grouped by source version) -> follow. Every stage per instance.
export const run = await upgradeTaurusDbAndWait(taurusdb, {
  delay: false,
  selector: { name: "*" },
  batch: { concurrency: 4 },
  follow: { initialIntervalMs: 1_000, visibilityGraceMs: 60_000, maxRequestsPerSecond: 20 },
});
for (const { instanceId, plan, submit, follow } of run.instances) {
  console.log(
    `${instanceId}: ${plan.eligible ? `${plan.from} -> ${plan.to}` : plan.reason} | ${submit?.status ?? "-"} | ${follow?.state ?? "-"}`,
  );
}
