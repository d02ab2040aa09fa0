// The recommended plan operations that replace deprecated ones (job-and-version-apis.md §0): openGauss
// ListDatabaseInstances (/v3.3) and BatchShowUpgradeCandidateVersions (/v3.1), TaurusDB
// ListGaussMySqlInstancesUnifyStatus (/v3.1). Same fleet, same instances and versions as the /v3 ones.
import type { components as GaussDbComponents } from "@dbupgrade/types/gaussdb";
import type { components as TaurusDbComponents } from "@dbupgrade/types/taurusdb";
import type { MockInstance } from "../fleet-types.js";
import type { OperationInput, Outcome } from "./outcome.js";
import {
  common,
  finishedTime,
  major,
  paged,
  selected,
  showGaussDbCandidateVersions,
  taurusMySqlVersion,
} from "./plan.js";

/** The product prefix of the /v3.3 and /v3.1 versions (docs example: `V2.0-2.7.2`). */
export const gaussDbVersionPrefix = "V2.0-";
const prefixed = (version: string) => `${gaussDbVersionPrefix}${version}`;

type DatabaseInstance = GaussDbComponents["schemas"]["DatabaseInstanceSummary"];
type UnifyStatusInstance = TaurusDbComponents["schemas"]["MysqlInstanceListInfoUnifyStatus"];

/**
 * /v3.3: `hotfix_version_infos` lists the hot patches that finished tasks installed. Every version is
 * prefixed, hot patches too (no source shows whether they are; the client must take either form).
 */
function databaseInstance(i: MockInstance): DatabaseInstance {
  return {
    ...common("gaussdb", i),
    datastore: {
      type: "GaussDB",
      version: prefixed(major(i.version)),
      complete_version: prefixed(i.version),
      ...(i.upgrade && (i.upgrade.status === "running" || i.upgrade.status === "scheduled")
        ? { target_version: prefixed(i.upgrade.targetVersion) }
        : {}),
      hotfix_version_infos: i.installedPatches.map((p) => ({
        version: prefixed(p.version),
        upgrade_finished_time: finishedTime(p.finishedAt),
      })),
    },
  };
}

export function listGaussDbDatabaseInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(databaseInstance)) };
}

/** /v3.1: the /v3 answer with prefixed versions. */
export function batchShowGaussDbCandidateVersions(input: OperationInput): Outcome {
  return showGaussDbCandidateVersions(input, prefixed);
}

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
    datastore: { type: "gaussdb-mysql", version: taurusMySqlVersion, kernel_version: i.version },
  };
}

export function listTaurusDbInstancesUnifyStatus(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(unifyStatusInstance)) };
}
