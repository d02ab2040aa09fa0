// Batch patching of GeminiDB instances: chunks of the spec's maxItems (10), one job per instance.
import { geminidbMeta } from "@dbupgrade/meta";
import type { GeminiDbClient } from "./client.js";
import { redactorOf } from "../../service-client.js";
import type { BatchOutcome, BatchReport } from "../../batch/report.js";
import { runBatches, type BatchOptions } from "../../batch/run-batches.js";
import { acceptUpgradeResults, type JobDetails } from "../../batch/upgrade-results.js";
import { instanceIdKey } from "../../batch/instance-id.js";

const operation = geminidbMeta.operations.batchUpgradeDatabaseVersion;

export type GeminiDbBatchOutcome = BatchOutcome<JobDetails>;
export type GeminiDbBatchReport = BatchReport<GeminiDbBatchOutcome>;

/** Patches any number of GeminiDB instances; every distinct id gets exactly one outcome in the report. */
export function upgradeGeminiDbInBatches(
  client: Pick<GeminiDbClient, "batchUpgradeDatabaseVersion">,
  instanceIds: Iterable<string>,
  options?: BatchOptions<GeminiDbBatchOutcome>,
): Promise<GeminiDbBatchReport> {
  return runBatches<string, JobDetails, {}>(
    {
      operation: { api: geminidbMeta.api, operationId: operation.operationId },
      batch: operation.batch,
      redact: redactorOf(client),
      key: instanceIdKey(geminidbMeta.api),
      extra: () => ({}),
      send: (chunk, signal) => client.batchUpgradeDatabaseVersion({ instance_ids: [...chunk] }, { signal }),
      accept: acceptUpgradeResults,
    },
    instanceIds,
    options,
  );
}
