import { createGeminiDbClient, upgradeGeminiDbInBatches } from "@dbupgrade/client";

const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";
const geminidb = createGeminiDbClient({
  baseUrl: `${mock}/geminidb`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: process.env.DBUPGRADE_MOCK_TOKEN ?? "dbupgrade-local-token" },
});

// Any number of ids: sent 10 per request (the spec's maxItems), 4 requests at a time; duplicates once.
export const report = await upgradeGeminiDbInBatches(
  geminidb,
  [
    "046287aae57843b1a7bc61b7a8812f41in13",
    "3d1e04f49efa473a8c7eaf07ed7ff870in13",
    "046287aae57843b1a7bc61b7a8812f41in13",
  ],
  {
    concurrency: 4,
    // Off by default. Resends only what surely was not processed: refused connections, DNS failures,
    // and 429/503 with Retry-After.
    retry: { maxAttempts: 3 },
    onProgress: (p) => console.log(`${p.instancesDone}/${p.instances} instances done`),
  },
);

// One outcome per distinct instance.
for (const outcome of report.outcomes) {
  switch (outcome.status) {
    case "submitted":
      console.log(`${outcome.instanceId}: submitted, job ${outcome.jobId}`);
      break;
    case "rejected":
      console.log(`${outcome.instanceId}: rejected, ${outcome.errorCode} ${outcome.errorMessage}`);
      break;
    case "failed":
      console.log(
        `${outcome.instanceId}: ${outcome.error.message}${outcome.mayHaveReachedServer ? " (may have been applied: check before resending)" : ""}`,
      );
      break;
    case "skipped":
      console.log(`${outcome.instanceId}: not sent (aborted)`);
      break;
  }
}
console.log(report.counts, report.notes);
