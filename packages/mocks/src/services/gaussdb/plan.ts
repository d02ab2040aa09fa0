// openGauss's plan answers: its instance list (installed hot patches) and the candidate hot patches.
import { compareVersions } from "@dbupgrade/specs";
import type { components } from "@dbupgrade/types/gaussdb";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { messages, undocumentedCodes } from "../../errors.js";
import { batchError } from "../../operations/outcome.js";
import { common, major, paged, selected } from "../../operations/plan.js";
import { formatTime } from "../../operations/query.js";
import { gaussDbHotfixes } from "./profile.js";

type GaussDbInstance = components["schemas"]["InstanceSummary"];

function gaussDbInstance(i: MockInstance): GaussDbInstance {
  return {
    ...common("gaussdb", i),
    datastore: {
      type: "GaussDB",
      version: major(i.version),
      complete_version: i.version,
      ...(i.upgrade && (i.upgrade.status === "running" || i.upgrade.status === "scheduled")
        ? { target_version: i.upgrade.targetVersion }
        : {}),
      hotfix_version_infos: i.installedPatches.map((p) => ({
        version: p.version,
        upgrade_finished_time: `${formatTime(p.finishedAt).slice(0, 19).replace("T", " ")} +0000`,
      })),
    },
  };
}

export function listGaussDbInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(gaussDbInstance)) };
}

type CandidateBody = components["schemas"]["ShowBatchUpgradeCandidateVersionsRequestBody"];

/** openGauss: the hot patches newer than every instance's version; the hotfix type is enabled when all can take them. */
export function showGaussDbCandidateVersions(input: OperationInput): Outcome {
  const { instance_ids: ids } = input.body as CandidateBody;
  const instances = ids.map((id) => input.fleet.get(input.api, id));
  const missing = ids.filter((_, n) => !instances[n]);
  if (missing.length > 0) {
    return batchError(
      missing.map((id) => ({
        code: undocumentedCodes.instanceNotFound,
        message: messages(input.language).instanceNotFound(id),
      })),
    );
  }
  const found = instances as MockInstance[];
  const newest = found.map((i) => i.version).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  const candidates = gaussDbHotfixes.filter((v) => compareVersions(v, newest) > 0);
  const enabled = candidates.length > 0 && found.every((i) => i.status === "available");
  return {
    status: input.successStatus,
    body: {
      upgrade_candidate_versions: [],
      upgrade_type_list: [
        {
          upgrade_type: "hotfix",
          enable: enabled,
          is_parallel_upgrade: false,
          upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: enabled }],
        },
        { upgrade_type: "inplace", enable: false, is_parallel_upgrade: false, upgrade_action_list: [] },
        { upgrade_type: "grey", enable: false, is_parallel_upgrade: false, upgrade_action_list: [] },
      ],
      ...(candidates.length > 0 ? { target_version: candidates[candidates.length - 1] } : {}),
      hotfix_upgrade_infos: candidates.map((version) => ({
        version,
        common_patch: "common",
        backup_sensitive: false,
        descripition: "Fixes known issues.",
      })),
      hotfix_rollback_infos: [],
    },
  };
}
