#!/usr/bin/env node
// The `dbupgrade` executable.
import { runCli } from "./cli.js";
import type { Io, Signal } from "./io.js";
import { SecretScrubber } from "./secrets.js";

// Replaced with the package version by the bundler (scripts/bundle.mjs).
declare const DBUPGRADE_VERSION: string;
const version = typeof DBUPGRADE_VERSION === "string" ? DBUPGRADE_VERSION : "0.0.0-dev";

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
