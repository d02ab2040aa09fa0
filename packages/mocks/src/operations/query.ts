// Reading the job and instance APIs' query parameters (already validated against the spec), time
// windows and pages.
import type { UpgradeJob } from "../fleet-types.js";
import { parameterError, type OperationInput, type Outcome } from "./outcome.js";

const DAY_MS = 86_400_000;

/** `2023-06-06T01:47:20+0800` (the spec's form) as ms since the epoch; NaN for a day that does not exist. */
export function parseStartTime(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = [
    ...m.slice(1, 7).map(Number),
    m[7],
    Number(m[8]),
    Number(m[9]),
  ] as [number, number, number, number, number, number, string, number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return Number.NaN;
  const offset = (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return local - offset;
}

/** `2023-09-12T06:44:01+0000`: the form of the job APIs' times (UTC, numeric offset). */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/** An integer query parameter (string-typed ones too, e.g. TaurusDB's `offset`), or the default. */
export function intQuery(input: OperationInput, name: string, fallback: number): number {
  const raw = input.query[name];
  return raw === undefined || raw === "" ? fallback : Number(raw);
}

/** One page of `items` and the total. */
export function page<T>(items: readonly T[], offset: number, limit: number): { items: T[]; total: number } {
  return { items: items.slice(offset, offset + limit), total: items.length };
}

export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * The `start_time` / `end_time` window: each defaults as the API documents (`defaultSpanMs` before
 * `end`, `end` = now); a start after the end, an unparseable day or a span over `maxDays` is a 400.
 */
export function timeWindow(
  input: OperationInput,
  options: { maxDays?: number; defaultSpanMs?: number } = {},
): TimeWindow | Outcome {
  const parse = (name: string): number | undefined | Outcome => {
    const raw = input.query[name];
    if (raw === undefined || raw === "") return undefined;
    const ms = parseStartTime(raw.endsWith("Z") ? `${raw.slice(0, -1)}+0000` : raw);
    return Number.isNaN(ms) ? parameterError(input, `query.${name} ${raw} is not a calendar date`) : ms;
  };
  const end = parse("end_time");
  if (typeof end === "object") return end;
  const start = parse("start_time");
  if (typeof start === "object") return start;
  const window = { end: end ?? input.fleet.now(), start: 0 };
  window.start = start ?? window.end - (options.defaultSpanMs ?? (options.maxDays ?? 30) * DAY_MS);
  if (window.start > window.end) return parameterError(input, "query.start_time is after query.end_time");
  if (options.maxDays !== undefined && window.end - window.start > options.maxDays * DAY_MS) {
    return parameterError(input, `the query window spans more than ${options.maxDays} days`);
  }
  return window;
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

/** Progress as the job APIs print it: `60%` while running. */
export function percent(now: number, startsAt: number, completesAt: number): string {
  const span = Math.max(1, completesAt - startsAt);
  return `${Math.min(99, Math.max(0, Math.floor(((now - startsAt) / span) * 100)))}%`;
}

/** The API status word of a fleet job status. */
export const jobStatusWord = {
  scheduled: "Pending",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  canceled: "Canceled",
} as const;

/** The jobs of the input's service whose visibility delay has passed. */
export function visibleJobs(input: OperationInput): UpgradeJob[] {
  const now = input.fleet.now();
  return input.fleet.jobs(input.api).filter((job) => job.visibleAt <= now);
}
