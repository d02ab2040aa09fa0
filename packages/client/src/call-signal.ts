// One AbortSignal per call from the client's signal, the call's signal and the timeout, remembering
// which of them fired so the failure can be reported as a timeout or as an abort. Timers and listeners
// are released when the call ends (AbortSignal.timeout would keep its timer until it fires). A call
// with none of the three gets no signal at all: in Node, a Request with a signal costs about as much
// again to build as one without, so calls only pay for abortability when they ask for it.

export interface CallSignal {
  readonly signal: AbortSignal | undefined;
  readonly timedOut: boolean;
  readonly abortedByCaller: boolean;
  dispose(): void;
}

const NO_SIGNAL: CallSignal = { signal: undefined, timedOut: false, abortedByCaller: false, dispose() {} };

class ComposedSignal implements CallSignal {
  readonly #controller = new AbortController();
  readonly #sources: AbortSignal[];
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #abortedByCaller = false;
  readonly #onAbort = (event: Event): void => {
    this.#abortedByCaller = true;
    this.#controller.abort((event.target as AbortSignal).reason);
  };

  constructor(sources: AbortSignal[], timeoutMs: number) {
    this.#sources = sources;
    for (const source of sources) {
      if (source.aborted) {
        this.#abortedByCaller = true;
        this.#controller.abort(source.reason);
        break;
      }
      source.addEventListener("abort", this.#onAbort, { once: true });
    }
    this.#timer =
      timeoutMs > 0 && !this.#controller.signal.aborted
        ? setTimeout(() => {
            this.#timedOut = true;
            this.#controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
          }, timeoutMs)
        : undefined;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }
  get timedOut(): boolean {
    return this.#timedOut;
  }
  get abortedByCaller(): boolean {
    return this.#abortedByCaller;
  }
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const source of this.#sources) source.removeEventListener("abort", this.#onAbort);
  }
}

export function callSignal(
  clientSignal: AbortSignal | undefined,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): CallSignal {
  const sources: AbortSignal[] = [];
  if (clientSignal !== undefined) sources.push(clientSignal);
  if (callerSignal !== undefined && callerSignal !== clientSignal) sources.push(callerSignal);
  if (timeoutMs <= 0 && sources.length === 0) return NO_SIGNAL;
  // Even a single source is wrapped: fetch ties each Request to the signal it gets, and a long-lived
  // signal (the client's, a batch run's) would collect one listener per request.
  return new ComposedSignal(sources, timeoutMs);
}
