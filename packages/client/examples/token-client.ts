import { createDdsClient, DbUpgradeApiError, DbUpgradeError } from "@dbupgrade/client";

// A local mock server (`dbupgrade-mock --port 4010`); for Huawei Cloud pass `region: "ap-southeast-1"` instead.
const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";

const dds = createDdsClient({
  baseUrl: `${mock}/dds`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: process.env.DBUPGRADE_MOCK_TOKEN ?? "dbupgrade-local-token" },
  timeoutMs: 30_000,
});

// openapi-fetch's { data, error, response }: data is the typed 202 body, error the typed error body.
const { data, error, response } = await dds.batchUpgradeDatabaseVersion({
  instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02", "3d1e04f49efa473a8c7eaf07ed7ff870in02"],
});
if (error) throw new Error(`HTTP ${response.status} ${error.error_code}: ${error.error_msg}`);
export const results = data.upgrade_results.map((r) =>
  "job_id" in r ? `${r.instance_id}: job ${r.job_id}` : `${r.instance_id}: ${r.error_code}`,
);
console.log(results.join("\n"));

// The throwing twin returns data, or throws a DbUpgradeError subclass that never carries the token.
export const outcome = await dds.batchUpgradeDatabaseVersionOrThrow({ instance_ids: [] }).then(
  () => "accepted",
  (e: unknown) => {
    if (e instanceof DbUpgradeApiError) return `HTTP ${e.status} ${e.errorCode} (request ${e.requestId})`;
    if (e instanceof DbUpgradeError) return `${e.name}; may have reached the server: ${e.mayHaveReachedServer}`;
    throw e;
  },
);
console.log(outcome);
