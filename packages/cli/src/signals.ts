// Ctrl-C and SIGTERM during a run. The first asks for a stop (send nothing new, record what is in
// flight); the second for a hard stop (abort requests in flight). Either way the report on disk stays
// complete, and the command exits with 3 (interrupted).
import type { Io, Signal } from "./io.js";
import type { Terminal } from "./terminal.js";

export interface StopSignals {
  stop: AbortSignal;
  hard: AbortSignal;
  /** The first signal received, if any. */
  readonly received: Signal | undefined;
  dispose(): void;
}

export function watchSignals(io: Io, terminal: Terminal, messages: { stop: string; hard: string }): StopSignals {
  const stop = new AbortController();
  const hard = new AbortController();
  let received: Signal | undefined;
  const unsubscribe = io.onSignal((signal) => {
    if (!stop.signal.aborted) {
      received = signal;
      terminal.note(`${signal}: ${messages.stop}`);
      stop.abort(new Error(`interrupted by ${signal}`));
    } else if (!hard.signal.aborted) {
      terminal.note(`${signal}: ${messages.hard}`);
      hard.abort(new Error(`interrupted by ${signal}`));
    }
  });
  return {
    stop: stop.signal,
    hard: hard.signal,
    get received() {
      return received;
    },
    dispose: unsubscribe,
  };
}
