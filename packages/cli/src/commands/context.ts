// What every command starts from: its terminal (streams, colors, verbosity) and a few shared steps.
import { resolve } from "node:path";
import { usageError } from "../errors.js";
import type { Io } from "../io.js";
import { readReport, ReportFileError } from "../report/read.js";
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
