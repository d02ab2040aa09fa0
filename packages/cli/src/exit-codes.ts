// The exit codes of every dbupgrade command. They are part of the interface (CI jobs branch on them):
// the README and `dbupgrade --help` document them, and a test holds the three in step.

export const EXIT = {
  /** Everything asked for is done: plan printed; apply: all submitted (with --wait: all completed). */
  ok: 0,
  /** Some instance was rejected, failed to submit, or its upgrade job failed. */
  someFailed: 1,
  /** Bad arguments: unknown command, option or service, an unreadable ids file, an unusable report file. */
  usage: 2,
  /** Interrupted (Ctrl-C, SIGTERM, --timeout) or not confirmed. The report file is complete and valid: resume from it. */
  interrupted: 3,
  /** Configuration: credentials or project missing, or refused by the API (HTTP 401/403). */
  config: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One line per code, for --help and the README. */
export const exitCodeHelp = `Exit codes:
  0  everything asked for is done (apply: all submitted; with --wait: all completed)
  1  some instance was rejected, failed, or its upgrade job failed
  2  usage error: bad option, unknown service, unreadable ids file or report file
  3  interrupted (Ctrl-C, SIGTERM, --timeout) or not confirmed; the report file is valid: resume from it
  4  configuration error: credentials or project id missing, or refused by the API`;
