// The rollout part of a report file: how the run was cut into waves, what each wave did, and why the
// run stopped. Plain data, so `apply --resume` (on any machine) continues with the next wave.

export interface WaveRecord {
  /** 0-based, in run order. */
  index: number;
  kind: "canary" | "wave";
  /** Instance ids in send order (fixed when the run was planned). */
  members: string[];
  /** When this wave was (last) started and ended, ISO 8601. */
  startedAt?: string;
  endedAt?: string;
  /** `confirmed`: every member's upgrade ended and was confirmed; `errors`; `stopped` by the rule or a stop; `unfinished`. */
  outcome?: "confirmed" | "errors" | "stopped" | "unfinished";
  /** Of the members, after the wave: handed to the API, confirmed, counted as errors. */
  started?: number;
  confirmed?: number;
  errors?: number;
}

export interface RolloutStopRecord {
  reason: "max-errors" | "declined" | "aborted" | "unfinished";
  at: string;
  /** The wave that was not (fully) sent because of it. */
  wave: number;
  errors: number;
  started: number;
  /** max-errors: the threshold as given (`3`, `10%`) and the errors it allowed at that point. */
  maxErrors?: string;
  allowed?: number;
  /** The one line the command printed. */
  message: string;
}

export interface RolloutRecord {
  /** As given on the command line: `2`, `10%`. */
  canary?: string;
  waveSize?: string;
  maxErrors?: string;
  bakeMs?: number;
  waves: WaveRecord[];
  /** The last stop; removed when a resume runs on. */
  stop?: RolloutStopRecord;
}
