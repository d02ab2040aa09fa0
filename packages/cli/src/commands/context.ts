// What every command starts from: its terminal (streams, colors, verbosity) and a few shared steps.
import { resolve } from "node:path";
import { resolveConnection, type Connection, type ConnectionFlags } from "../config.js";
import { usageError } from "../errors.js";
import { SERVICES, type ServiceName } from "../service-names.js";
import type { Io } from "../io.js";
import { readReport, ReportFileError } from "../report/read.js";
import { lockReport, ReportLockedError } from "../report/store.js";
import type { ReportFile } from "../report/types.js";
import { createTerminal, type Terminal } from "../terminal.js";

export interface OutputFlags {
  json?: boolean;
  verbose?: boolean;
  /** commander's `--no-color` gives color: false. */
  color?: boolean;
}

export function terminalFor(io: Io, flags: OutputFlags): Terminal {
  return createTerminal({
    out: io.stdout,
    err: io.stderr,
    inIsTTY: io.stdin.isTTY === true,
    env: io.env,
    scrubber: io.scrubber,
    verbose: flags.verbose,
    color: flags.color,
  });
}

export function absolutePath(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

/** Reads a report file; an unusable one is a usage error (exit 2). */
export function loadReport(path: string): ReportFile {
  try {
    return readReport(path);
  } catch (error) {
    if (error instanceof ReportFileError) throw usageError(error.message);
    throw error;
  }
}

export function printJson(terminal: Terminal, value: unknown): void {
  terminal.out.write(`${terminal.scrubber.scrub(JSON.stringify(value, null, 2))}\n`);
}

/** A report's service, checked against the ones dbupgrade knows. */
export function serviceOfReport(report: ReportFile, shownPath: string): ServiceName {
  const known = SERVICES.find((s) => s === report.service);
  if (known === undefined)
    throw usageError(
      `report file ${shownPath} is for service ${JSON.stringify(report.service)}, which dbupgrade does not know`,
    );
  return known;
}

/** Where a report's run sends requests: its own target, unless a flag says otherwise; credentials as always. */
export function connectionForReport(
  io: Io,
  flags: ConnectionFlags,
  report: ReportFile,
  terminal: Terminal,
): Connection {
  const target = report.target;
  return resolveConnection(
    report.service,
    {
      config: flags.config,
      projectId: flags.projectId ?? target.projectId,
      endpoint: flags.endpoint ?? (flags.region === undefined ? target.endpoint : undefined),
      region: flags.region ?? target.region,
    },
    io.env,
    io.scrubber,
    terminal.note,
  );
}

/** Takes the report's lock (one command per report at a time); held by a live process: usage error. */
export function lockOrFail(path: string): () => void {
  try {
    return lockReport(path);
  } catch (error) {
    if (error instanceof ReportLockedError) throw usageError(error.message);
    throw error;
  }
}
