// The check as a table: one row per read-only operation and what its answers showed; then the
// details of each difference and error.
import type { OperationCheck, ServiceCheck } from "@dbupgrade/client/check";
import type { Colors } from "../terminal.js";
import { renderTable } from "./table.js";

function outcomeText(colors: Colors, op: OperationCheck): string {
  switch (op.outcome) {
    case "conforms":
      return colors.green("conforms");
    case "not-exercised":
      return colors.dim("not called");
    case "differs":
      return colors.yellow("differs");
    default:
      return colors.red(op.outcome);
  }
}

function details(op: OperationCheck): string[] {
  const name = `${op.api}.${op.operationId}`;
  return [
    ...op.unknownFields.map((f) => `${name}: undocumented field ${f}`),
    ...op.unknownEnumValues.map(
      (e) => `${name}: ${e.location} is ${JSON.stringify(e.value)}, not in the spec (${e.message})`,
    ),
    ...op.mismatches.map((m) => `${name}: ${m.location} ${m.message}`),
    ...op.errors.map(
      (e) =>
        `${name}: ${e.status === undefined ? "no answer" : `HTTP ${e.status}`}${e.errorCode ? ` ${e.errorCode}` : ""}${e.message ? ` (${e.message})` : ""}: ${e.explanation}`,
    ),
    ...(op.reason ? [`${name}: not called: ${op.reason}`] : []),
  ];
}

export function renderCheck(colors: Colors, checks: readonly ServiceCheck[]): string {
  const ops = checks.flatMap((c) => c.operations);
  const rows = ops.map((op) => [
    op.api,
    op.operationId,
    op.method,
    String(op.calls),
    op.statuses.join(","),
    outcomeText(colors, op),
  ]);
  const lines = [renderTable(colors, ["SERVICE", "OPERATION", "METHOD", "CALLS", "STATUS", "RESULT"], rows), ""];
  const notes = ops.flatMap(details);
  if (notes.length) lines.push(...notes, "");
  const count = (o: OperationCheck["outcome"]) => ops.filter((op) => op.outcome === o).length;
  lines.push(
    `${count("conforms")} conform, ${count("differs")} differ, ${count("refused")} refused, ${count("error")} failed, ${count("not-exercised")} not called`,
  );
  return lines.join("\n");
}
