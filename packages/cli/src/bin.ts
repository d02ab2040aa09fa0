#!/usr/bin/env node
// The `dbupgrade` executable.
import { readFileSync } from "node:fs";
import { runCli } from "./cli.js";
import type { Io, Signal } from "./io.js";
import { SecretScrubber } from "./secrets.js";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  version,
  scrubber: new SecretScrubber(),
  onSignal(handler) {
    const listener = (signal: Signal) => handler(signal);
    process.on("SIGINT", listener);
    process.on("SIGTERM", listener);
    return () => {
      process.off("SIGINT", listener);
      process.off("SIGTERM", listener);
    };
  },
};

const code = await runCli(process.argv.slice(2), io);
// Exit now: idle keep-alive sockets must not hold the process. Flush stdout first (a pipe).
process.stdout.write("", () => process.exit(code));
