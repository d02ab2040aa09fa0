// Batch minor-version upgrades of TaurusDB instances. The response has no per-instance result and no
// job id (whether one bad instance fails the whole request is undocumented), so the report can only
// say: a 200 submitted every instance of the request, an error refused (or failed) the request.
import { taurusdbMeta } from "@dbupgrade/meta";
import type { TaurusDbClient } from "./client.js";
import { redactorOf } from "../../service-client.js";
import { instanceIdKey } from "../../batch/instance-id.js";
import type { BatchOutcome, BatchReport } from "../../batch/report.js";
import { runBatches, type AcceptedOutcome, type BatchOptions } from "../../batch/run-batches.js";

const operation = taurusdbMeta.operations.batchUpgradeDatabases;

export interface TaurusDbInstance {
  instanceId: string;
  /** The instance's current kernel version (from the kernel-version query API). */
  currentVersion: string;
}

export type TaurusDbBatchOutcome = BatchOutcome<{}, { currentVersion: string }>;
export type TaurusDbBatchReport = BatchReport<TaurusDbBatchOutcome> & {
  /** As sent: `true` upgrades in the maintenance window (follow with ListScheduleJobs), `false` now. */
  delay: boolean;
};

export interface TaurusDbBatchOptions extends BatchOptions<TaurusDbBatchOutcome> {
  /** `true` defers the upgrade to the instances' maintenance window; `false` upgrades now. */
  delay: boolean;
}

export function upgradeTaurusDbInBatches(
  client: Pick<TaurusDbClient, "batchUpgradeDatabases">,
  instances: Iterable<TaurusDbInstance>,
  options: TaurusDbBatchOptions,
): Promise<TaurusDbBatchReport> {
  const { delay, ...batchOptions } = options;
  if (typeof delay !== "boolean") return Promise.reject(new TypeError("taurusdb: delay must be a boolean"));
  const key = instanceIdKey(taurusdbMeta.api);
  return runBatches<TaurusDbInstance, {}, { currentVersion: string }>(
    {
      operation: { api: taurusdbMeta.api, operationId: operation.operationId },
      batch: operation.batch,
      redact: redactorOf(client),
      key: (instance) => {
        if (typeof instance?.currentVersion !== "string" || instance.currentVersion === "") {
          throw new TypeError(
            `taurusdb: instance ${JSON.stringify(instance?.instanceId)} needs a non-empty currentVersion`,
          );
        }
        return key(instance.instanceId);
      },
      extra: (instance) => ({ currentVersion: instance.currentVersion }),
      conflict: (kept, dropped) =>
        kept.currentVersion === dropped.currentVersion
          ? undefined
          : `instance ${kept.instanceId} was listed with versions ${kept.currentVersion} and ${dropped.currentVersion}; ${kept.currentVersion} (the first) was sent`,
      send: (chunk, signal) =>
        client.batchUpgradeDatabases(
          {
            databases_instance_infos: chunk.map((i) => ({
              instance_id: i.instanceId,
              current_version: i.currentVersion,
            })),
            delay,
          },
          { signal },
        ),
      // The API's only acknowledgement is `{ resp: "success" }`; any other body does not say the
      // upgrade was accepted (nor that it was not), so the chunk is failed, possibly applied.
      accept: (chunk, data, response, _notes, unusable) => {
        const requestId = response.headers.get("X-Request-Id") ?? undefined;
        const resp = (data as { resp?: unknown } | null)?.resp;
        return new Map<string, AcceptedOutcome<{}>>(
          chunk.map((i) => [
            i.instanceId,
            resp === "success"
              ? { status: "submitted", instanceId: i.instanceId, requestId }
              : unusable(i.instanceId, `but its resp is ${JSON.stringify(resp) ?? "missing"}, not "success"`),
          ]),
        );
      },
    },
    instances,
    batchOptions,
  ).then((report) => ({ ...report, delay }));
}
