// `dbupgrade record`: saves the answers of the read-only operations of a service (or all), redacted,
// with a manifest: what `dbupgrade-mock --fleet DIR` turns into a mock fleet. Sends no write.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toRecording } from "@dbupgrade/client/check";
import { crawlAll, redactionOf, type CrawlFlags } from "../check/crawl-services.js";
import { CliError, usageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";
import { watchSignals } from "../signals.js";
import { absolutePath, printJson, terminalFor, type OutputFlags } from "./context.js";

type RecordFlags = OutputFlags & CrawlFlags & { out?: string; keepNames?: boolean };

export async function run(io: Io, flags: RecordFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  if (flags.out === undefined) throw usageError("--out <dir> is required");
  const dir = absolutePath(io, flags.out);
  const signals = watchSignals(io, terminal, { stop: "stopping", hard: "stopping" });
  try {
    const { crawls, connections } = await crawlAll(io, flags, terminal, signals.stop).catch((error: unknown) => {
      if (signals.stop.aborted)
        throw new CliError("interrupted while recording; nothing was written", EXIT.interrupted);
      throw error;
    });
    const redaction = redactionOf(connections[0]!, flags.keepNames === true);
    const recording = toRecording(crawls, {
      ...redaction,
      secrets: connections.flatMap((c) => redactionOf(c).secrets),
      region: connections[0]!.region ?? null,
    });
    try {
      mkdirSync(dir, { recursive: true });
      for (const [api, file] of Object.entries(recording.manifest.files)) {
        const answers = recording.answers[api as keyof typeof recording.answers] ?? [];
        writeFileSync(join(dir, file), `${JSON.stringify(answers, null, 2)}\n`);
      }
      writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(recording.manifest, null, 2)}\n`);
    } catch (error) {
      throw usageError(`cannot write the recording to ${flags.out}: ${(error as Error).message}`);
    }
    const calls = recording.manifest.operations.reduce((n, op) => n + op.calls, 0);
    if (flags.json) printJson(terminal, recording.manifest);
    else
      terminal.print(
        `recorded ${calls} answers of ${recording.manifest.operations.length} operations (${recording.manifest.services.join(", ")}) to ${flags.out}; ids, ${flags.keepNames ? "" : "names, "}addresses and secrets replaced`,
      );
    return EXIT.ok;
  } finally {
    signals.dispose();
  }
}
