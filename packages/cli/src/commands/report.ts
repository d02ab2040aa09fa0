// `dbupgrade report <file>`: what a report says, for people or (--json) for machines. The exit code
// is the run's: 0 when nothing went wrong, 1 when some instance was rejected, failed or may have
// reached the server without an answer.
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";
import { summarize } from "../report/summary.js";
import { renderSummary, summaryJson } from "../render/report-view.js";
import { absolutePath, loadReport, printJson, terminalFor, type OutputFlags } from "./context.js";

export async function run(io: Io, options: OutputFlags, args: string[]): Promise<number> {
  const terminal = terminalFor(io, options);
  const path = absolutePath(io, args[0]!);
  const report = loadReport(path);
  if (options.json) printJson(terminal, summaryJson(report, args[0]!));
  else {
    const c = terminal.outColors;
    terminal.print(
      `${c.bold(report.service)} upgrade, project ${report.target.projectId}${report.target.endpoint ? ` at ${report.target.endpoint}` : report.target.region ? ` in ${report.target.region}` : ""}`,
    );
    terminal.print(`phase ${report.phase}; created ${report.createdAt}, updated ${report.updatedAt}`);
    const last = report.runs.at(-1);
    if (last !== undefined && last.outcome === undefined) {
      terminal.print(
        c.yellow(
          `the last command (${last.command}, started ${last.startedAt}) has not finished: it is still running, or it was killed; this is its last saved state`,
        ),
      );
    }
    for (const note of report.notes) terminal.print(`note: ${note}`);
    terminal.print("");
    terminal.print(renderSummary(c, report, { reportPath: args[0]! }));
  }
  return summarize(report).problems > 0 ? EXIT.someFailed : EXIT.ok;
}
