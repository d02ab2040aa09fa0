// Everything a command takes from its process, in one object: tests run commands in-process with
// fake streams and environments, the bin passes the real ones.
import type { SecretScrubber } from "./secrets.js";
import type { Env, OutputStream } from "./terminal.js";

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export type Signal = "SIGINT" | "SIGTERM";

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Env;
  cwd: string;
  version: string;
  scrubber: SecretScrubber;
  /** Calls handler on SIGINT / SIGTERM while subscribed (instead of the default: die). */
  onSignal(handler: (signal: Signal) => void): () => void;
}
