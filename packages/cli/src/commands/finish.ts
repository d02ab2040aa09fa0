// The end of apply and wait: follow if asked, record how the run ended, print the summary (or the
// JSON document), and pick the exit code.
import { EXIT, type ExitCode } from "../exit-codes.js";
import { followWithReport, toFollow } from "../follow/follow.js";
import { createFollowView } from "../render/follow-view.js";
import { renderSummary, summaryJson } from "../render/report-view.js";
import type { ReportStore } from "../report/store.js";
import { summarize } from "../report/summary.js";
import type { RunRecord } from "../report/types.js";
import type { ServiceKit } from "../services.js";
import type { StopSignals } from "../signals.js";
import type { Terminal } from "../terminal.js";
import { printJson, type OutputFlags } from "./context.js";
import { asCliError } from "./failures.js";

/** Why a run ended early, and how the command exits. */
export interface RunEnd {
  code: ExitCode;
  message: string;
  outcome: NonNullable<RunRecord["outcome"]>;
}

export function finishRun(
  terminal: Terminal,
  flags: OutputFlags,
  store: ReportStore,
  shownPath: string,
  stopped: RunEnd | undefined,
): number {
  const run = store.report.runs.at(-1);
  if (run !== undefined) {
    run.endedAt = new Date().toISOString();
    run.outcome = stopped?.outcome ?? "finished";
  }
  store.save();
  if (flags.json) printJson(terminal, summaryJson(store.report, shownPath));
  else {
    terminal.print("");
    terminal.print(renderSummary(terminal.outColors, store.report, { reportPath: shownPath }));
  }
  if (stopped !== undefined) {
    terminal.note(`dbupgrade: ${stopped.message}`);
    return stopped.code;
  }
  return summarize(store.report).problems > 0 ? EXIT.someFailed : EXIT.ok;
}

export interface WaitTiming {
  pollIntervalMs: number | undefined;
  timeoutMs: number | undefined;
}

export async function followAndFinish(
  terminal: Terminal,
  flags: OutputFlags,
  store: ReportStore,
  kit: ServiceKit,
  shownPath: string,
  signals: StopSignals,
  timing: WaitTiming,
): Promise<number> {
  const pending = toFollow(store.report.instances);
  if (pending.length === 0) return finishRun(terminal, flags, store, shownPath, undefined);
  const view = createFollowView(terminal, kit.service, pending.length);
  const resume = `dbupgrade wait --report ${shownPath}`;
  try {
    await followWithReport(store, kit, {
      signal: signals.stop,
      view,
      ...(timing.timeoutMs === undefined ? {} : { deadline: Date.now() + timing.timeoutMs }),
      ...(timing.pollIntervalMs === undefined ? {} : { pollIntervalMs: timing.pollIntervalMs }),
    });
  } catch (error) {
    view.finish();
    const failure = asCliError(error, "following");
    return finishRun(terminal, flags, store, shownPath, {
      code: failure.exitCode,
      message: failure.message,
      outcome: "failed",
    });
  }
  if (signals.stop.aborted)
    return finishRun(terminal, flags, store, shownPath, {
      code: EXIT.interrupted,
      message: `interrupted; go on following with: ${resume}`,
      outcome: "interrupted",
    });
  const left = toFollow(store.report.instances).length;
  if (left > 0) {
    const why = timing.timeoutMs === undefined ? "the follower's deadline passed" : "--timeout reached";
    return finishRun(terminal, flags, store, shownPath, {
      code: EXIT.interrupted,
      message: `stopped waiting (${why}); ${left} upgrade(s) not finished; go on with: ${resume}`,
      outcome: "interrupted",
    });
  }
  return finishRun(terminal, flags, store, shownPath, undefined);
}
