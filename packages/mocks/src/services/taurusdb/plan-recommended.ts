// TaurusDB's recommended instance list (job-and-version-apis.md §0): ListGaussMySqlInstancesUnifyStatus (/v3.1),
// replacing the deprecated /v3 ListGaussMySqlInstances. Same fleet, same instances and versions.
import type { components } from "@dbupgrade/types/taurusdb";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { paged, selected } from "../../operations/plan.js";
import { taurusMySqlVersion } from "./plan.js";
import { tagList } from "../../instance-tags.js";

type UnifyStatusInstance = components["schemas"]["MysqlInstanceListInfoUnifyStatus"];

/**
 * The unified statuses (SDK MysqlInstanceListInfoUnifyStatus): creating, normal, abnormal, createfail.
 * They report health, not tasks: a frozen or abnormal instance is `abnormal`; one being upgraded stays
 * `normal` (no unified value names an upgrade; a planner learns it from ShowInstanceDatabaseVersion).
 */
export function unifiedStatus(i: MockInstance): string {
  return i.status === "available" || i.status === "upgrading" ? "normal" : "abnormal";
}

function unifyStatusInstance(i: MockInstance): UnifyStatusInstance {
  return {
    id: i.id,
    name: i.name,
    status: unifiedStatus(i),
    tags: tagList(i.tags),
    datastore: { type: "gaussdb-mysql", version: taurusMySqlVersion, kernel_version: i.version },
  };
}

export function listTaurusDbInstancesUnifyStatus(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(unifyStatusInstance)) };
}
