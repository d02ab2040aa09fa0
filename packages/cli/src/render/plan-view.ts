// The plan as a table: every selected instance, eligible or not and why, from → to (and the candidate
// versions where the API lists them), its maintenance window, the request it goes in; then the requests.
import type { UpgradePlan } from "@dbupgrade/client";
import type { Colors } from "../terminal.js";
import { renderTable } from "./table.js";

export function renderPlan(colors: Colors, service: string, plan: UpgradePlan<unknown>): string {
  // Only the services whose API lists candidate versions (openGauss) get that column.
  const withCandidates = plan.rows.some((row) => row.candidates !== null);
  const rows = plan.rows.map((row) => [
    row.instanceId,
    row.name ?? "",
    row.status ?? "",
    row.eligible ? colors.green("yes") : colors.dim("no"),
    `${row.from} → ${row.to}`,
    ...(withCandidates ? [row.candidates?.join(", ") ?? ""] : []),
    row.maintenanceWindow ?? "",
    row.request === null ? "" : String(row.request),
    row.eligible ? (row.detail ?? "") : colors.yellow(row.detail ?? row.reason ?? ""),
  ]);
  const header = [
    "INSTANCE",
    "NAME",
    "STATUS",
    "ELIGIBLE",
    "FROM → TO",
    ...(withCandidates ? ["CANDIDATES"] : []),
    "WINDOW",
    "REQUEST",
    "REASON",
  ];
  const lines: string[] = [];
  if (rows.length > 0) lines.push(renderTable(colors, header, rows), "");
  const { counts } = plan;
  lines.push(
    `${colors.bold(service)}: ${counts.selected} selected (of ${counts.listed} listed), ${colors.green(`${counts.eligible} eligible`)}, ${counts.ineligible} not eligible; ` +
      `${plan.chunks.length} request${plan.chunks.length === 1 ? "" : "s"} of up to ${plan.chunkSize}`,
  );
  const groups = plan.batches.filter((b) => b.group !== "all" && b.group !== "");
  if (groups.length > 1)
    lines.push(`grouped as the API requires: ${groups.map((b) => `${b.group} (${b.inputs.length})`).join(", ")}`);
  plan.chunks.forEach((ids, i) =>
    lines.push(`  request ${i + 1}: ${ids.length} instance${ids.length === 1 ? "" : "s"}`),
  );
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}
