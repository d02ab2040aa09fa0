// The end of every command that touches a report (apply, wait, report): the same summary table for
// people, and the same JSON document for machines.
import { instanceState, instanceStates, summarize, type InstanceState, type ReportSummary } from "../report/summary.js";
import type { InstanceRecord, ReportFile } from "../report/types.js";
import type { Colors } from "../terminal.js";
import { paintState } from "./states.js";
import { renderTable } from "./table.js";

/** What an instance's row says after its state: the job, or the error, or why it was not sent. */
export function instanceDetail(record: InstanceRecord): string {
  const s = record.submission;
  if (s === undefined) return record.eligible ? "" : (record.reason ?? "");
  switch (s.status) {
    case "sending":
      return "no answer recorded: the request may have reached the server";
    case "skipped":
      return "not sent (interrupted)";
    case "rejected":
      return [s.httpStatus === undefined ? undefined : `HTTP ${s.httpStatus}`, s.errorCode, s.errorMessage]
        .filter(Boolean)
        .join(" ");
    case "failed":
      return `${s.errorMessage ?? "request failed"}${s.mayHaveReachedServer === false ? " (never reached the server)" : " (may have reached the server)"}`;
    case "submitted": {
      const job = record.job;
      const ref = s.jobId ? `job ${s.jobId}` : s.taskId ? `task ${s.taskId}` : "";
      const extra = job?.detail ?? job?.progress ?? job?.serverStatus ?? "";
      return [ref, extra].filter(Boolean).join(", ");
    }
  }
}

export function instanceRow(colors: Colors, record: InstanceRecord): string[] {
  const state = instanceState(record);
  const versions =
    record.fromVersion || record.toVersion ? `${record.fromVersion ?? "?"} → ${record.toVersion ?? "?"}` : "";
  return [record.instanceId, record.name ?? "", paintState(colors, state), versions, instanceDetail(record)];
}

export function instancesTable(colors: Colors, instances: readonly InstanceRecord[]): string {
  return renderTable(
    colors,
    ["INSTANCE", "NAME", "STATE", "VERSION", "DETAIL"],
    instances.map((r) => instanceRow(colors, r)),
  );
}

/** `12 completed, 1 rejected, 2 ineligible` (states with a count only, in a fixed order). */
export function countsLine(colors: Colors, summary: ReportSummary): string {
  const parts = instanceStates
    .filter((s) => summary.states[s] > 0)
    .map((s) => paintState(colors, s as InstanceState, `${summary.states[s]} ${s}`));
  return parts.length === 0 ? "no instances" : parts.join(", ");
}

export interface SummaryOptions {
  reportPath: string;
  /** Show every instance (default), or only those with a problem or still moving. */
  allRows?: boolean;
}

export function renderSummary(colors: Colors, report: ReportFile, options: SummaryOptions): string {
  const summary = summarize(report);
  const lines: string[] = [];
  const rows =
    options.allRows === false
      ? report.instances.filter((r) => !["completed", "ineligible"].includes(instanceState(r)))
      : report.instances;
  if (rows.length > 0) lines.push(instancesTable(colors, rows), "");
  lines.push(`${colors.bold(report.service)}: ${summary.instances} instances: ${countsLine(colors, summary)}`);
  if (summary.uncertain.length > 0) {
    lines.push(
      colors.red(
        `${summary.uncertain.length} may have reached the server without an answer; check them before resending (apply --resume --force): ${summary.uncertain.join(", ")}`,
      ),
    );
  }
  if (summary.resendable > 0 && report.phase !== "planned")
    lines.push(`${summary.resendable} not sent yet: dbupgrade apply --resume ${options.reportPath}`);
  if (summary.unfinished > 0 && report.phase !== "planned")
    lines.push(`${summary.unfinished} upgrades not finished: dbupgrade wait --report ${options.reportPath}`);
  lines.push(`report: ${options.reportPath}`);
  return lines.join("\n");
}

/** The --json document of apply, wait and report. */
export function summaryJson(report: ReportFile, reportPath: string): unknown {
  return {
    report: reportPath,
    service: report.service,
    phase: report.phase,
    summary: summarize(report),
    instances: report.instances.map((record) => ({ ...record, state: instanceState(record) })),
    notes: report.notes,
    ...(report.rollout === undefined ? {} : { rollout: report.rollout }),
  };
}
