// openGauss's recommended plan operations (job-and-version-apis.md §0): ListDatabaseInstances (/v3.3) and
// BatchShowUpgradeCandidateVersions (/v3.1), replacing the deprecated /v3 ones. Same fleet, same instances.
import type { components } from "@dbupgrade/types/gaussdb";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { common, major, paged, selected } from "../../operations/plan.js";
import { finishedTime, showGaussDbCandidateVersions } from "./plan.js";
import { tagList } from "../../instance-tags.js";

/** The product prefix of the /v3.3 and /v3.1 versions (docs example: `V2.0-2.7.2`). */
export const gaussDbVersionPrefix = "V2.0-";
const prefixed = (version: string) => `${gaussDbVersionPrefix}${version}`;

type DatabaseInstance = components["schemas"]["DatabaseInstanceSummary"];

/**
 * /v3.3: `hotfix_version_infos` lists the hot patches that finished tasks installed. Every version is
 * prefixed, hot patches too (no source shows whether they are; the client must take either form).
 */
function databaseInstance(i: MockInstance): DatabaseInstance {
  return {
    ...common("gaussdb", i),
    tags: tagList(i.tags),
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
