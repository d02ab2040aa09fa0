// TaurusDB's plan answers: its instance list and each instance's current -> latest kernel version.
import type { components } from "@dbupgrade/types/taurusdb";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { common, notFound, paged, selected } from "../../operations/plan.js";

/** The MySQL version of every simulated TaurusDB instance (the reference's example). */
export const taurusMySqlVersion = "8.0.22";

type TaurusDbInstance = components["schemas"]["MysqlInstanceSummary"];

function taurusDbInstance(i: MockInstance): TaurusDbInstance {
  // List items have no maintenance_window (SDK MysqlInstanceListInfo): that is the single-instance API's.
  const { maintenance_window: _, ...item } = common("taurusdb", i);
  return {
    ...item,
    datastore: { type: "gaussdb-mysql", version: taurusMySqlVersion, kernel_version: i.version },
  };
}

export function listTaurusDbInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(taurusDbInstance)) };
}

export function showTaurusDbDatabaseVersion(input: OperationInput): Outcome {
  const id = input.params.instance_id!;
  const instance = input.fleet.get(input.api, id);
  if (!instance) return notFound(input, id);
  return {
    status: input.successStatus,
    body: {
      datastore: {
        current_version: taurusMySqlVersion,
        current_kernel_version: instance.version,
        latest_version: taurusMySqlVersion,
        latest_kernel_version: instance.latestVersion,
      },
      upgrade_flag: instance.patchAvailable,
    },
  };
}
