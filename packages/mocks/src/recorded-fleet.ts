// A mock fleet from a recording (`dbupgrade record`, format `dbupgrade-recording/1`): the instances
// of each service with the statuses, versions, engines and maintenance windows the real APIs showed,
// read back from the recorded answers of the instance lists and the per-instance version operations.
// The fleet then seeds from these instead of its PRNG; jobs run on the mock clock as usual.
// Browser-safe: takes already-loaded JSON (the Node reader of a directory is in recording-files.ts).
import { apiNames, type ApiName } from "@dbupgrade/specs";
import type { InstanceStatus } from "./fleet-types.js";
import { engineOfInstanceId } from "./services/geminidb/instance-ids.js";
import { geminiDbDatastoreTypes } from "./services/geminidb/plan.js";
import { geminiDbEngines, type GeminiDbEngine } from "./services/geminidb/versions.js";

export const RECORDING_FORMAT = "dbupgrade-recording/1";

/** One instance as the fleet seeds it. */
export interface RecordedInstance {
  id: string;
  name: string;
  status: InstanceStatus;
  /** The version the instance runs (the most precise one its service shows). */
  version: string;
  engine?: GeminiDbEngine;
  maintenanceWindow: string;
  /** The version an upgrade moves it to, where the service shows it (TaurusDB `latest_kernel_version`). */
  latestVersion?: string;
  /** Whether the service offered an upgrade (GeminiDB/DDS `patch_available`, TaurusDB `upgrade_flag`). */
  patchAvailable?: boolean;
  /** openGauss: the hot patches installed (`hotfix_version_infos`). */
  installedPatches?: { version: string; finishedAt: number }[];
}

export interface RecordedFleet {
  /** When the recording was made. */
  recordedAt?: string;
  instances: Partial<Record<ApiName, RecordedInstance[]>>;
  /** What could not be carried over exactly (an unknown status word, engine). */
  notes: string[];
}

/** A recording as its files hold it: `manifest.json` and one `<api>.json` per service. */
export interface RecordingFiles {
  manifest: { format?: unknown; recordedAt?: unknown; services?: unknown };
  answers: Partial<Record<ApiName, unknown>>;
}

interface Exchange {
  operationId?: unknown;
  method?: unknown;
  path?: unknown;
  request?: { path?: Record<string, unknown>; body?: { instance_ids?: unknown } };
  status?: unknown;
  body?: unknown;
}

type Row = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const object = (v: unknown): Row => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Row) : {});

/** The status words the services answer, and the fleet status each stands for. */
const statusWords: Record<string, InstanceStatus> = {
  normal: "available",
  ACTIVE: "available",
  frozen: "frozen",
  FROZEN: "frozen",
  abnormal: "abnormal",
  ABNORMAL: "abnormal",
  FAILED: "abnormal",
  MODIFYING: "upgrading",
  UPGRADING: "upgrading",
};

const ok = (e: Exchange) => typeof e.status === "number" && e.status >= 200 && e.status < 300;

/** `2024-11-17 01:47:20 +0000` (openGauss `upgrade_finished_time`) in ms, or NaN. */
function finishedAt(value: unknown): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}) ?([+-]\d{2})(\d{2})$/.exec(text(value) ?? "");
  return m ? Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`) : Number.NaN;
}

function engineOf(row: Row, datastore: Row, notes: string[]): GeminiDbEngine {
  const type = text(datastore.type);
  const byType = geminiDbEngines.find((e) => geminiDbDatastoreTypes[e] === type);
  const id = text(row.id) ?? "";
  const engine = byType ?? engineOfInstanceId(id);
  if (engine) return engine;
  notes.push(`geminidb ${id}: datastore type ${JSON.stringify(type)} is not simulated; seeded as Cassandra`);
  return "Cassandra";
}

function instanceOf(api: ApiName, row: Row, notes: string[]): RecordedInstance | undefined {
  const id = text(row.id);
  if (!id) return undefined;
  const datastore = object(row.datastore);
  const word = text(row.status) ?? "";
  const busy = Array.isArray(row.actions) && row.actions.length > 0;
  let status = statusWords[word];
  if (status === undefined) {
    notes.push(`${api} ${id}: status ${JSON.stringify(word)} is not simulated; seeded as abnormal (not upgradable)`);
    status = "abnormal";
  }
  if (busy && status === "available") status = "upgrading";
  const version =
    text(datastore.whole_version) ??
    text(datastore.complete_version) ??
    text(datastore.kernel_version) ??
    text(datastore.version) ??
    "";
  const instance: RecordedInstance = {
    id,
    name: text(row.name) ?? id,
    status,
    version,
    maintenanceWindow: text(row.maintenance_window) ?? "02:00-06:00",
  };
  if (api === "geminidb") instance.engine = engineOf(row, datastore, notes);
  if (typeof datastore.patch_available === "boolean") instance.patchAvailable = datastore.patch_available;
  else if (api === "geminidb" || api === "dds") instance.patchAvailable = false;
  if (Array.isArray(datastore.hotfix_version_infos)) {
    instance.installedPatches = datastore.hotfix_version_infos.flatMap((p) => {
      const version = text(object(p).version);
      const at = finishedAt(object(p).upgrade_finished_time);
      return version && !Number.isNaN(at) ? [{ version, finishedAt: at }] : [];
    });
  }
  return instance;
}

/** The instances of one service's recorded answers, in the order the service listed them. */
function instancesOf(api: ApiName, exchanges: readonly Exchange[], notes: string[]): RecordedInstance[] {
  const byId = new Map<string, RecordedInstance>();
  for (const e of exchanges) {
    if (e.method !== "GET" || !/\/instances$/.test(String(e.path)) || !ok(e)) continue;
    const rows = object(e.body).instances;
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      const instance = instanceOf(api, object(row), notes);
      if (instance && !byId.has(instance.id)) byId.set(instance.id, instance);
    }
  }
  // A per-instance version answer (TaurusDB ShowInstanceDatabaseVersion) adds what the list does not show.
  for (const e of exchanges) {
    const id = text(e.request?.path?.instance_id);
    const instance = id ? byId.get(id) : undefined;
    if (!instance || !ok(e)) continue;
    const body = object(e.body);
    const datastore = object(body.datastore);
    const current = text(datastore.current_kernel_version);
    const latest = text(datastore.latest_kernel_version);
    if (current) instance.version = current;
    if (latest) instance.latestVersion = latest;
    if (typeof body.upgrade_flag === "boolean") instance.patchAvailable = body.upgrade_flag;
  }
  return [...byId.values()];
}

/** Turns a loaded recording into the fleet's initial instances. Throws on anything that is not one. */
export function loadRecordingFiles(files: RecordingFiles): RecordedFleet {
  if (files.manifest?.format !== RECORDING_FORMAT) {
    throw new Error(
      `not a dbupgrade recording: manifest.format is ${JSON.stringify(files.manifest?.format)}, expected ${RECORDING_FORMAT}`,
    );
  }
  const notes: string[] = [];
  const instances: Partial<Record<ApiName, RecordedInstance[]>> = {};
  for (const api of apiNames) {
    const answers = files.answers[api];
    if (answers === undefined) continue;
    if (!Array.isArray(answers)) throw new Error(`the recording's ${api} answers are not an array`);
    instances[api] = instancesOf(api, answers as Exchange[], notes);
  }
  const recordedAt = text(files.manifest.recordedAt);
  return { ...(recordedAt ? { recordedAt } : {}), instances, notes };
}
