// Streams that record what a command writes, claiming to be a terminal or not.
import { PassThrough } from "node:stream";
import type { Io, Signal } from "../../src/io.js";
import { SecretScrubber } from "../../src/secrets.js";
import type { OutputStream } from "../../src/terminal.js";

export class RecordingStream implements OutputStream {
  text = "";
  isTTY: boolean;
  columns = 100;
  rows = 40;

  constructor(isTTY: boolean) {
    this.isTTY = isTTY;
  }

  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }

  // log-update asks for these on a TTY.
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  removeListener(): this {
    return this;
  }
}

export interface FakeIo extends Io {
  stdout: RecordingStream;
  stderr: RecordingStream;
  /** Delivers a signal to the subscribed handlers. */
  signal(signal: Signal): void;
}

export function fakeIo(
  options: { tty?: boolean; env?: Record<string, string | undefined>; cwd?: string } = {},
): FakeIo {
  const handlers = new Set<(signal: Signal) => void>();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty === true;
  return {
    stdout: new RecordingStream(options.tty === true),
    stderr: new RecordingStream(options.tty === true),
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    version: "0.0.0-test",
    scrubber: new SecretScrubber(),
    onSignal(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    signal(signal) {
      for (const handler of [...handlers]) handler(signal);
    },
  };
}
