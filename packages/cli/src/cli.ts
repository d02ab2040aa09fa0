// Runs one command line and returns its exit code. Errors end here: one line on stderr, scrubbed of
// secrets, and the exit code their kind documents.
import { CliError, oneLine } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import type { Io } from "./io.js";
import { buildProgram, CommanderError } from "./program.js";

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (or the help).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = error instanceof CliError ? error.exitCode : EXIT.someFailed;
    const prefix = error instanceof CliError ? "" : "unexpected error: ";
    io.stderr.write(`dbupgrade: ${prefix}${io.scrubber.scrub(oneLine(error))}\n`);
    return code;
  }
}
