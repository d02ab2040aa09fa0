// The question before anything is sent, asked with @clack/prompts on the terminal (stderr), so
// stdout stays clean for --json.
import type { Io } from "../io.js";

/** true: go ahead; false: declined or cancelled (Ctrl-C at the prompt). */
export async function confirmOnTerminal(io: Io, message: string): Promise<boolean> {
  const { confirm, isCancel } = await import("@clack/prompts");
  const answer = await confirm({
    message,
    initialValue: false,
    input: io.stdin as NodeJS.ReadStream,
    output: io.stderr as unknown as NodeJS.WriteStream,
  });
  return !isCancel(answer) && answer === true;
}
