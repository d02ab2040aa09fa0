// Batch patching of DDS instances: chunks of the spec's maxItems (10), one job per instance.
import { ddsMeta } from "@dbupgrade/meta";
import type { DdsClient } from "./client.js";
import { redactorOf } from "../../service-client.js";
import type { BatchOutcome, BatchReport } from "../../batch/report.js";
import { runBatches, type BatchOptions } from "../../batch/run-batches.js";
import { acceptUpgradeResults, type JobDetails } from "../../batch/upgrade-results.js";
import { instanceIdKey } from "../../batch/instance-id.js";

const operation = ddsMeta.operations.batchUpgradeDatabaseVersion;

export type DdsBatchOutcome = BatchOutcome<JobDetails>;
export type DdsBatchReport = BatchReport<DdsBatchOutcome>;

/** Patches any number of DDS instances; every distinct id gets exactly one outcome in the report. */
export function upgradeDdsInBatches(
  client: Pick<DdsClient, "batchUpgradeDatabaseVersion">,
  instanceIds: Iterable<string>,
  options?: BatchOptions<DdsBatchOutcome>,
): Promise<DdsBatchReport> {
  return runBatches<string, JobDetails, {}>(
    {
      operation: { api: ddsMeta.api, operationId: operation.operationId },
      batch: operation.batch,
      redact: redactorOf(client),
      key: instanceIdKey(ddsMeta.api),
      extra: () => ({}),
      send: (chunk, signal) => client.batchUpgradeDatabaseVersion({ instance_ids: [...chunk] }, { signal }),
      accept: acceptUpgradeResults,
    },
    instanceIds,
    options,
  );
}
