// The plan operations: instance lists with versions and eligibility, TaurusDB's from -> to,
// DDS's upgrade duration, openGauss's candidate hot patches. All read the fleet, so an upgrade
// that completed shows up here (the "confirm" step of plan -> submit -> follow -> confirm).
import type { ApiName } from "@dbupgrade/specs";
import type { components as DdsComponents } from "@dbupgrade/types/dds";
import type { components as GaussDbComponents } from "@dbupgrade/types/gaussdb";
import type { components as GeminiDbComponents } from "@dbupgrade/types/geminidb";
import type { components as TaurusDbComponents } from "@dbupgrade/types/taurusdb";
import { messages, notFoundCode, undocumentedCodes } from "../errors.js";
import { compareVersions } from "../fleet.js";
import type { MockInstance } from "../fleet-types.js";
import { gaussDbHotfixes, type GeminiDbEngine } from "../versions.js";
import { batchError, type OperationInput, type Outcome } from "./outcome.js";
import { formatTime, intQuery, page } from "./query.js";

/** The datastore type GeminiDB's ListInstances reports per engine. */
export const geminiDbDatastoreTypes: Record<GeminiDbEngine, string> = {
  Cassandra: "cassandra",
  Influx: "influxdb",
  Redis: "redis",
};

/** The MySQL version of every simulated TaurusDB instance (the reference's example). */
export const taurusMySqlVersion = "8.0.22";

export const major = (version: string) => version.split(".").slice(0, 2).join(".");
const running = (i: MockInstance) => i.upgrade?.status === "running";

/** Service status words: lower case for GeminiDB/DDS, upper case for TaurusDB/openGauss. */
function statusWord(api: ApiName, i: MockInstance): string {
  const upper = api === "taurusdb" || api === "gaussdb";
  if (i.status === "frozen") return upper ? "FROZEN" : "frozen";
  if (i.status === "abnormal") return upper ? (api === "taurusdb" ? "FAILED" : "ABNORMAL") : "abnormal";
  if (running(i)) return api === "taurusdb" ? "MODIFYING" : api === "gaussdb" ? "UPGRADING" : "normal";
  return upper ? "ACTIVE" : "normal";
}

/** `*abc` matches ids or names containing `abc` (GeminiDB's fuzzy match); anything else matches exactly. */
function matches(value: string, wanted: string | undefined): boolean {
  if (wanted === undefined || wanted === "") return true;
  return wanted.startsWith("*") ? value.includes(wanted.slice(1)) : value === wanted;
}

export function selected(input: OperationInput): MockInstance[] {
  const { id, name } = input.query;
  return input.fleet.instances(input.api).filter((i) => matches(i.id, id) && matches(i.name, name));
}

export function paged<T>(input: OperationInput, rows: T[]): { instances: T[]; total_count: number } {
  const { items, total } = page(rows, intQuery(input, "offset", 0), intQuery(input, "limit", 100));
  return { instances: items, total_count: total };
}

type GeminiDbInstance = GeminiDbComponents["schemas"]["InstanceSummary"];
type DdsInstance = DdsComponents["schemas"]["InstanceSummary"];
type GaussDbInstance = GaussDbComponents["schemas"]["InstanceSummary"];
type TaurusDbInstance = TaurusDbComponents["schemas"]["MysqlInstanceSummary"];

export function common(api: ApiName, i: MockInstance) {
  return { id: i.id, name: i.name, status: statusWord(api, i), maintenance_window: i.maintenanceWindow };
}

function geminiDbInstance(i: MockInstance): GeminiDbInstance {
  const engine = i.engine ?? "Cassandra";
  return {
    ...common("geminidb", i),
    actions: running(i) ? ["UPGRADING"] : [],
    datastore: {
      type: geminiDbDatastoreTypes[engine],
      version: major(i.version),
      patch_available: i.patchAvailable,
      // "Only GeminiDB Cassandra supports it."
      ...(engine === "Cassandra" ? { whole_version: i.version } : {}),
    },
  };
}

function ddsInstance(i: MockInstance): DdsInstance {
  return {
    ...common("dds", i),
    actions: running(i) ? ["UPGRADING"] : [],
    datastore: {
      type: "DDS-Community",
      version: major(i.version),
      patch_available: i.patchAvailable,
      whole_version: i.version,
    },
  };
}

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

function taurusDbInstance(i: MockInstance): TaurusDbInstance {
  // List items have no maintenance_window (SDK MysqlInstanceListInfo): that is the single-instance API's.
  const { maintenance_window: _, ...item } = common("taurusdb", i);
  return {
    ...item,
    datastore: { type: "gaussdb-mysql", version: taurusMySqlVersion, kernel_version: i.version },
  };
}

export function listGeminiDbInstances(input: OperationInput): Outcome {
  const type = input.query.datastore_type;
  const rows = selected(input)
    .map(geminiDbInstance)
    .filter((i) => (type ? i.datastore.type === type : true));
  return { status: input.successStatus, body: paged(input, rows) };
}

export function listDdsInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(ddsInstance)) };
}

export function listGaussDbInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(gaussDbInstance)) };
}

export function listTaurusDbInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(taurusDbInstance)) };
}

function notFound(input: OperationInput, id: string): Outcome {
  const code = input.api === "taurusdb" ? notFoundCode(input.api) : undocumentedCodes.instanceNotFound;
  return { status: 400, body: { error_code: code, error_msg: messages(input.language).instanceNotFound(id) } };
}

/** DDS: minutes per strategy, from the fleet's job duration (the fastest is what the batch uses). */
export function showDdsUpgradeDuration(input: OperationInput): Outcome {
  const id = input.params.instance_id!;
  // The spec documents 404 DBS.200002 for an unknown instance here (the DDS error-code table's status).
  if (!input.fleet.get(input.api, id))
    return {
      status: 404,
      body: { error_code: notFoundCode(input.api), error_msg: messages(input.language).instanceNotFound(id) },
    };
  const fastest = Math.max(1, Math.ceil(input.fleet.jobDurationMs / 60_000));
  return {
    status: input.successStatus,
    body: {
      strategies: [
        { estimated_upgrade_duration: fastest * 2, strategy: "minimized_interrupt_time" },
        { estimated_upgrade_duration: fastest, strategy: "minimized_upgrade_time" },
      ],
    },
  };
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

type CandidateBody = GaussDbComponents["schemas"]["ShowBatchUpgradeCandidateVersionsRequestBody"];

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
