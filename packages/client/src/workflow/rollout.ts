// The rollout loop: runs planned waves one after another through a caller's step (submit a wave,
// follow it to its end), keeps the tally of started instances and errors, and stops sending when the
// rule says so. It owns its state; the rules themselves are the pure functions of rollout-policy.ts.
import { errorLimitExceeded, errorsAllowed, formatAmount, type Amount, type PlannedWave } from "./rollout-policy.js";

/** What went wrong with one instance (each counts once against `maxErrors`). */
export type RolloutErrorKind =
  | "rejected"
  | "submit-failed"
  | "job-failed"
  | "job-cancelled"
  | "job-lost"
  | "not-confirmed"
  | "uncertain";

/** What a wave step reports as it goes. Calls about an instance outside the wave are ignored. */
export interface WaveEvents {
  /** These instances' request is about to leave (or left): they count as started. */
  started(instanceIds: readonly string[]): void;
  /** This instance ended badly (a rejected or failed submission, a failed/cancelled/lost job, a failed read-back). */
  failed(instanceId: string, kind: RolloutErrorKind): void;
  /** This instance's upgrade ended and was confirmed. */
  confirmed(instanceId: string): void;
}

/**
 * Runs one wave: sends its members (never one more once `stopSending` has aborted: requests in flight
 * finish), then follows what was sent to its end. Resolves when nothing of the wave is left running.
 */
export type WaveStep = (wave: PlannedWave, events: WaveEvents, stopSending: AbortSignal) => Promise<void>;

/** Where an instance stands for the rule: started and not yet ended, ended well, or an error. */
export type InstanceTally = "started" | "confirmed" | RolloutErrorKind;

export interface WaveStart {
  wave: PlannedWave;
  /** Waves in this rollout. */
  of: number;
  started: number;
  errors: number;
}

export interface RolloutRunOptions {
  maxErrors?: Amount | undefined;
  /** Pause between waves (after one is confirmed, before the next is sent), in ms. */
  bakeMs?: number | undefined;
  /**
   * Called before each wave is sent (the first included); `false` stops the rollout there
   * (reason `declined`). An approval prompt goes here.
   */
  onWave?: ((start: WaveStart) => boolean | Promise<boolean>) | undefined;
  /** Called when a wave has ended. */
  onWaveEnd?: ((result: WaveResult) => void) | undefined;
  /** Stops the rollout: nothing new is sent, the running wave is still followed by its step. */
  signal?: AbortSignal | undefined;
  /** Instances of earlier runs (a resume): they count as started, and their errors still count. */
  history?: ReadonlyMap<string, InstanceTally> | undefined;
  /** Waves of an earlier run that have ended (by index): not run again. */
  done?: ReadonlySet<number> | undefined;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}

export interface WaveResult {
  index: number;
  kind: PlannedWave["kind"];
  members: string[];
  startedAt: string;
  endedAt: string;
  /** Members handed to the API in this wave. */
  started: number;
  confirmed: number;
  errors: number;
  /** Members started whose end is not known (still running when the step returned). */
  unfinished: string[];
  /**
   * `confirmed`: every started member confirmed; `errors`: some member failed; `stopped`: the rule or
   * a stop cut it short; `unfinished`: some started member had not ended when the step returned.
   */
  outcome: "confirmed" | "errors" | "stopped" | "unfinished";
}

export type RolloutStop =
  | { reason: "max-errors"; errors: number; started: number; maxErrors: string; allowed: number; wave: number }
  | { reason: "declined"; wave: number }
  | { reason: "aborted"; wave: number }
  /** The wave's step returned with members started but not ended (a follow deadline): not confirmed, so no next wave. */
  | { reason: "unfinished"; wave: number; instances: string[] };

export interface RolloutRunResult {
  waves: WaveResult[];
  /** Undefined: every wave ran. */
  stopped: RolloutStop | undefined;
  started: number;
  errors: number;
}

const isError = (tally: InstanceTally | undefined): boolean =>
  tally !== undefined && tally !== "started" && tally !== "confirmed";

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs `waves` in order through `step`, with the stop rule checked as each instance's fate becomes known. */
export async function runRollout(
  waves: readonly PlannedWave[],
  step: WaveStep,
  options: RolloutRunOptions = {},
): Promise<RolloutRunResult> {
  const tally = new Map<string, InstanceTally>(options.history ?? []);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const counts = () => {
    let errors = 0;
    for (const t of tally.values()) if (isError(t)) errors++;
    return { started: tally.size, errors };
  };
  const exceeded = () => {
    const { started, errors } = counts();
    return errorLimitExceeded(errors, started, options.maxErrors);
  };
  const ruleStop = (wave: number): RolloutStop => {
    const { started, errors } = counts();
    const maxErrors = options.maxErrors!;
    return {
      reason: "max-errors",
      errors,
      started,
      maxErrors: formatAmount(maxErrors),
      allowed: errorsAllowed(started, maxErrors),
      wave,
    };
  };
  const results: WaveResult[] = [];
  let stopped: RolloutStop | undefined;
  let ran = 0;
  for (const wave of waves) {
    if (options.done?.has(wave.index)) continue;
    if (exceeded()) {
      stopped = ruleStop(wave.index);
      break;
    }
    if (options.signal?.aborted) {
      stopped = { reason: "aborted", wave: wave.index };
      break;
    }
    if (ran > 0 && options.bakeMs) {
      await sleep(options.bakeMs, options.signal);
      if (options.signal?.aborted) {
        stopped = { reason: "aborted", wave: wave.index };
        break;
      }
    }
    const { started, errors } = counts();
    if (options.onWave && !(await options.onWave({ wave, of: waves.length, started, errors }))) {
      stopped = { reason: "declined", wave: wave.index };
      break;
    }
    ran++;
    const result = await runWave(wave, step, tally, exceeded, options.signal, now);
    results.push(result);
    options.onWaveEnd?.(result);
    if (result.outcome === "stopped" || exceeded()) {
      stopped = exceeded() ? ruleStop(wave.index) : { reason: "aborted", wave: wave.index };
      break;
    }
    if (result.outcome === "unfinished") {
      stopped = { reason: "unfinished", wave: wave.index, instances: result.unfinished };
      break;
    }
  }
  if (stopped === undefined && exceeded()) stopped = ruleStop(waves.at(-1)?.index ?? 0);
  return { waves: results, stopped, ...counts() };
}

async function runWave(
  wave: PlannedWave,
  step: WaveStep,
  tally: Map<string, InstanceTally>,
  exceeded: () => boolean,
  signal: AbortSignal | undefined,
  now: () => number,
): Promise<WaveResult> {
  const members = new Set(wave.members);
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const startedAt = new Date(now()).toISOString();
  let started = 0;
  let confirmed = 0;
  let errors = 0;
  const check = () => {
    if (!stop.signal.aborted && exceeded()) stop.abort(new Error("the error threshold is exceeded"));
  };
  const events: WaveEvents = {
    started(ids) {
      for (const id of ids) {
        if (!members.has(id) || tally.has(id)) continue;
        tally.set(id, "started");
        started++;
      }
    },
    failed(id, kind) {
      if (!members.has(id) || isError(tally.get(id))) return;
      if (!tally.has(id)) started++;
      if (tally.get(id) === "confirmed") confirmed--;
      tally.set(id, kind);
      errors++;
      check();
    },
    confirmed(id) {
      if (!members.has(id) || tally.get(id) === "confirmed") return;
      if (!tally.has(id)) started++;
      if (isError(tally.get(id))) errors--;
      tally.set(id, "confirmed");
      confirmed++;
    },
  };
  try {
    await step(wave, events, stop.signal);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  const unfinished = wave.members.filter((id) => tally.get(id) === "started");
  return {
    index: wave.index,
    kind: wave.kind,
    members: [...wave.members],
    startedAt,
    endedAt: new Date(now()).toISOString(),
    started,
    confirmed,
    errors,
    unfinished,
    outcome: stop.signal.aborted
      ? "stopped"
      : unfinished.length > 0
        ? "unfinished"
        : errors > 0
          ? "errors"
          : "confirmed",
  };
}
