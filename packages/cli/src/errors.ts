// Errors that end a command with one clear line and a documented exit code.
import { EXIT, type ExitCode } from "./exit-codes.js";

export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  override get name(): string {
    return "CliError";
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
export const configError = (message: string): CliError => new CliError(message, EXIT.config);

/** The message of anything thrown, on one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
