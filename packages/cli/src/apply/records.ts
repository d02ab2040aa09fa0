// From the client's plan to report records, and a new report for a run.
import type { PlanRow, UpgradePlan } from "@dbupgrade/client";
import type { Connection } from "../config.js";
import type { UpgradeSettings } from "../settings.js";
import { REPORT_FORMAT, type InstanceRecord, type ReportFile } from "../report/types.js";

export function recordOf(row: PlanRow): InstanceRecord {
  return {
    instanceId: row.instanceId,
    ...(row.name ? { name: row.name } : {}),
    fromVersion: row.from,
    toVersion: row.to,
    eligible: row.eligible,
    ...(row.eligible ? {} : { reason: row.detail ?? row.reason ?? "not eligible" }),
    ...(row.request === null ? {} : { request: row.request }),
  };
}

/** Refreshes a record from a newer plan (a resume): eligibility, versions and request number change; the submission history stays. */
export function refreshRecord(record: InstanceRecord, row: PlanRow): void {
  const fresh = recordOf(row);
  record.name = fresh.name ?? record.name;
  record.fromVersion = fresh.fromVersion;
  record.toVersion = fresh.toVersion;
  record.eligible = fresh.eligible;
  if (fresh.reason === undefined) delete record.reason;
  else record.reason = fresh.reason;
  if (fresh.request === undefined) delete record.request;
  else record.request = fresh.request;
}

export function settingsJson(settings: UpgradeSettings): ReportFile["options"] {
  return {
    ...(settings.startTime ? { startTime: settings.startTime.toISOString() } : {}),
    ...(settings.targetVersion ? { targetVersion: settings.targetVersion } : {}),
    ...(settings.delay === undefined ? {} : { delay: settings.delay }),
  };
}

export function settingsFromJson(options: ReportFile["options"]): UpgradeSettings {
  return {
    ...(options.startTime ? { startTime: new Date(options.startTime) } : {}),
    ...(options.targetVersion ? { targetVersion: options.targetVersion } : {}),
    ...(options.delay === undefined ? {} : { delay: options.delay }),
  };
}

export function newReport(
  service: string,
  connection: Connection,
  settings: UpgradeSettings,
  plan: UpgradePlan<unknown>,
  now: Date,
): ReportFile {
  const at = now.toISOString();
  return {
    format: REPORT_FORMAT,
    service,
    createdAt: at,
    updatedAt: at,
    target: {
      projectId: connection.projectId,
      ...(connection.region === undefined ? {} : { region: connection.region }),
      ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    },
    options: settingsJson(settings),
    phase: "planned",
    instances: plan.rows.map(recordOf),
    notes: [...plan.notes],
    runs: [],
  };
}
