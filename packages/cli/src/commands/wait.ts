// `dbupgrade wait --report FILE`: follow the upgrades a report submitted until each ends. Read-only
// towards the APIs: stopping and running it again is always safe.
import type { ConnectionFlags } from "../config.js";
import type { Io } from "../io.js";
import { ReportStore } from "../report/store.js";
import { createKit } from "../services.js";
import { parseDuration, parseSeconds } from "../settings.js";
import { watchSignals } from "../signals.js";
import {
  absolutePath,
  connectionForReport,
  loadReport,
  lockOrFail,
  serviceOfReport,
  terminalFor,
  type OutputFlags,
} from "./context.js";
import { followAndFinish } from "./finish.js";

interface WaitFlags extends OutputFlags, ConnectionFlags {
  report: string;
  pollInterval?: string;
  timeout?: string;
}

export async function run(io: Io, flags: WaitFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  const pollIntervalMs = parseSeconds(flags.pollInterval, "--poll-interval");
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, "--timeout");
  const path = absolutePath(io, flags.report);
  const unlock = lockOrFail(path);
  const signals = watchSignals(io, terminal, {
    stop: "stopping (nothing is sent; run wait again to go on)",
    hard: "stopping",
  });
  try {
    const report = loadReport(path);
    const service = serviceOfReport(report, flags.report);
    const connection = connectionForReport(io, flags, report, terminal);
    terminal.debug(
      `${report.service}: ${connection.endpoint ?? `region ${connection.region}`}, project ${connection.projectId}, ${connection.authSource}`,
    );
    const store = new ReportStore(path, report, (v) => io.scrubber.scrubValue(v));
    report.runs.push({ command: "wait", startedAt: new Date().toISOString() });
    store.save();
    const kit = createKit(service, connection);
    return await followAndFinish(terminal, flags, store, kit, flags.report, signals, { pollIntervalMs, timeoutMs });
  } finally {
    signals.dispose();
    unlock();
  }
}
