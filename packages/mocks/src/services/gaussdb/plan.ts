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

/** "yyyy-mm-dd hh:mm:ss timezone", the hot-patch finish-time format of both list versions. */
export const finishedTime = (at: number) => `${formatTime(at).slice(0, 19).replace("T", " ")} +0000`;

/** The deprecated /v3 list: `hotfix_versions` is one string (comma-joined here: no source shows how
 * several are separated) and `hotfix_finished_times` a list; no `hotfix_version_infos` (SDK `ListDatastore`). */
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
      ...(i.installedPatches.length > 0
        ? {
            hotfix_versions: i.installedPatches.map((p) => p.version).join(","),
            hotfix_finished_times: i.installedPatches.map((p) => finishedTime(p.finishedAt)),
          }
        : {}),
    },
  };
}

export function listGaussDbInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(gaussDbInstance)) };
}

type CandidateBody = components["schemas"]["ShowBatchUpgradeCandidateVersionsRequestBody"];

/**
 * openGauss: the hot patches newer than every instance's version; the hotfix type is enabled when all
 * can take them. `target_version` and `is_parallel_upgrade` are null: no simulated instance is in a
 * rolling (grey) upgrade. `version` formats the major/minor versions (/v3.1 prefixes them).
 */
export function showGaussDbCandidateVersions(input: OperationInput, version = (v: string) => v): Outcome {
  const ids = (input.body as CandidateBody | undefined)?.instance_ids ?? [];
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
  const newest = found
    .map((i) => i.version)
    .reduce<string | undefined>((a, b) => (a === undefined || compareVersions(b, a) > 0 ? b : a), undefined);
  const candidates = newest === undefined ? [] : gaussDbHotfixes.filter((v) => compareVersions(v, newest) > 0);
  const enabled = candidates.length > 0 && found.every((i) => i.status === "available");
  return {
    status: input.successStatus,
    body: {
      upgrade_candidate_versions: [],
      upgrade_type_list: [
        {
          upgrade_type: "hotfix",
          enable: enabled,
          is_parallel_upgrade: null,
          upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: enabled }],
        },
        { upgrade_type: "inplace", enable: false, is_parallel_upgrade: null, upgrade_action_list: [] },
        { upgrade_type: "grey", enable: false, is_parallel_upgrade: null, upgrade_action_list: [] },
      ],
      target_version: null,
      hotfix_upgrade_infos: candidates.map((v) => ({
        version: version(v),
        common_patch: "common",
        backup_sensitive: false,
        descripition: "Fixes known issues.",
      })),
      hotfix_rollback_infos: [],
    },
  };
}
