// `dbupgrade check`: calls the read-only operations of one service (or all) with the user's
// credentials and holds every answer to the spec. Sends no write; --report writes a redacted copy.
import { writeFileSync } from "node:fs";
import { checkExitCode, evaluateExchanges, toCheckReport } from "@dbupgrade/client/check";
import { crawlAll, redactionOf, type CrawlFlags } from "../check/crawl-services.js";
import { CliError, usageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";
import { renderCheck } from "../render/check-view.js";
import { watchSignals } from "../signals.js";
import { absolutePath, printJson, terminalFor, type OutputFlags } from "./context.js";

type CheckFlags = OutputFlags & CrawlFlags & { report?: string };

export async function run(io: Io, flags: CheckFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  const signals = watchSignals(io, terminal, { stop: "stopping", hard: "stopping" });
  try {
    const { crawls, connections } = await crawlAll(io, flags, terminal, signals.stop).catch((error: unknown) => {
      if (signals.stop.aborted) throw new CliError("interrupted while checking; nothing was changed", EXIT.interrupted);
      throw error;
    });
    const checks = crawls.map((c) => evaluateExchanges(c.api, c.exchanges, c.notExercised));
    const code = checkExitCode(checks);
    if (flags.report !== undefined) {
      const redaction = redactionOf(connections[0]!);
      const secrets = connections.flatMap((c) => redactionOf(c).secrets);
      const report = toCheckReport(
        checks,
        crawls.flatMap((c) => c.exchanges),
        code,
        { ...redaction, secrets, region: connections[0]!.region ?? null },
      );
      try {
        writeFileSync(absolutePath(io, flags.report), `${JSON.stringify(report, null, 2)}\n`);
      } catch (error) {
        throw usageError(`cannot write the report ${flags.report}: ${(error as Error).message}`);
      }
      terminal.note(`redacted report written to ${flags.report}`);
    }
    if (flags.json) printJson(terminal, { exitCode: code, services: checks });
    else terminal.print(renderCheck(terminal.outColors, checks));
    return code;
  } finally {
    signals.dispose();
  }
}
