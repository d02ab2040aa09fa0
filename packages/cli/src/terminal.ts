// Where output goes and how it looks. Commands never touch process.stdout directly: they get a
// Terminal, so tests inject streams that claim to be (or not to be) a TTY. Results go to stdout,
// progress and diagnostics to stderr (so `--json > file` and pipes get clean data).
import { createColors } from "picocolors";
import type { SecretScrubber } from "./secrets.js";

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export type Colors = ReturnType<typeof createColors>;

export interface Terminal {
  out: OutputStream;
  err: OutputStream;
  /** Colors for text written to out / err (off unless that stream is a TTY, and off under NO_COLOR). */
  outColors: Colors;
  errColors: Colors;
  /** Live, redrawn progress on stderr (a TTY); otherwise plain lines. */
  liveProgress: boolean;
  /** stdin and stderr are terminals: a question can be asked. */
  canPrompt: boolean;
  verbose: boolean;
  scrubber: SecretScrubber;
  /** A result line on stdout (scrubbed). */
  print(line: string): void;
  /** A diagnostic line on stderr (scrubbed). */
  note(line: string): void;
  /** A diagnostic line on stderr, only with --verbose (scrubbed). */
  debug(line: string): void;
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The no-color.org rule (NO_COLOR set and non-empty disables color), FORCE_COLOR=0 disables too,
 * TERM=dumb disables; otherwise color only on a TTY (FORCE_COLOR=1..3 forces it on).
 */
export function wantsColor(stream: OutputStream, env: Env, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export interface TerminalOptions {
  out: OutputStream;
  err: OutputStream;
  inIsTTY: boolean;
  env: Env;
  scrubber: SecretScrubber;
  verbose?: boolean;
  /** `--no-color` gives false. */
  color?: boolean;
}

export function createTerminal(options: TerminalOptions): Terminal {
  const { out, err, env, scrubber } = options;
  const verbose = options.verbose === true;
  const line = (stream: OutputStream, text: string): void => {
    stream.write(`${scrubber.scrub(text)}\n`);
  };
  return {
    out,
    err,
    outColors: createColors(wantsColor(out, env, options.color)),
    errColors: createColors(wantsColor(err, env, options.color)),
    liveProgress: err.isTTY === true && env.TERM !== "dumb",
    canPrompt: options.inIsTTY && err.isTTY === true,
    verbose,
    scrubber,
    print: (text) => line(out, text),
    note: (text) => line(err, text),
    debug: (text) => {
      if (verbose) line(err, text);
    },
  };
}
