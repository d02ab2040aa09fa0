// The rollout's rules as pure functions: how many instances "N" or "N %" means, how a plan's eligible
// instances fall into a canary and waves, and when the error threshold is exceeded. No I/O, no clock:
// the loop (rollout.ts) owns the state and asks these.

/** A count of instances, or a percentage of some total. */
export type Amount = { count: number } | { percent: number };

/** `5` → { count: 5 }; `25%` → { percent: 25 } (at most two decimals: `12.5%`). `min` is the smallest count allowed (0 for an error threshold). */
export function parseAmount(text: string, what: string, min = 1): Amount {
  const trimmed = String(text).trim();
  const percent = /^(\d+(?:\.\d{1,2})?)\s*%$/.exec(trimmed);
  if (percent) {
    const value = Number(percent[1]);
    if (!(value > 0 || (min === 0 && value === 0)) || value > 100)
      throw new RangeError(`${what} must be a percentage from ${min === 0 ? 0 : "more than 0"} to 100, not ${trimmed}`);
    return { percent: value };
  }
  if (/^\d+$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= 1_000_000)
    return { count: Number(trimmed) };
  throw new RangeError(
    `${what} must be a number of instances (N, at least ${min}) or a percentage (N%), not ${trimmed}`,
  );
}

/** `{count: 5}` → "5", `{percent: 25}` → "25%". */
export function formatAmount(amount: Amount): string {
  return "count" in amount ? String(amount.count) : `${amount.percent}%`;
}

/** The size an amount means for `total` instances: a percentage rounds up, and is at least 1 when total > 0. */
export function sizeOf(amount: Amount, total: number): number {
  if (total <= 0) return 0;
  if ("count" in amount) return Math.min(amount.count, total);
  return Math.min(total, Math.max(1, Math.ceil((hundredths(amount.percent) * total) / 10_000)));
}

export interface WaveShape {
  /** The first wave, alone, before the others. */
  canary?: Amount | undefined;
  /** Every wave after the canary; without it, the rest is one wave. Percentages are of all the instances. */
  waveSize?: Amount | undefined;
}

export interface PlannedWave {
  /** 0-based, in run order. */
  index: number;
  kind: "canary" | "wave";
  /** Instance ids in send order. */
  members: string[];
}

/**
 * The instances in waves, in the order given (each instance once, none dropped): the canary's size of
 * them first, then waves of `waveSize` (of the total, not of the rest), the last one possibly smaller.
 */
export function planWaves(ids: readonly string[], shape: WaveShape = {}): PlannedWave[] {
  const unique = [...new Set(ids)];
  const waves: PlannedWave[] = [];
  let at = 0;
  const canary = shape.canary === undefined ? 0 : sizeOf(shape.canary, unique.length);
  if (canary > 0) {
    waves.push({ index: 0, kind: "canary", members: unique.slice(0, canary) });
    at = canary;
  }
  const size = shape.waveSize === undefined ? unique.length : sizeOf(shape.waveSize, unique.length);
  while (at < unique.length) {
    waves.push({ index: waves.length, kind: "wave", members: unique.slice(at, at + size) });
    at += size;
  }
  return waves;
}

/**
 * The stop rule. `errors` and `started` count instances (each once). A count N is exceeded by more
 * than N errors; a percentage P by more than P % of the instances started so far (exact: errors × 100
 * > P × started, no rounding). So `0` and `0%` stop at the first error.
 */
export function errorLimitExceeded(errors: number, started: number, maxErrors: Amount | undefined): boolean {
  if (maxErrors === undefined) return false;
  if ("count" in maxErrors) return errors > maxErrors.count;
  return errors * 10_000 > hundredths(maxErrors.percent) * started;
}

/** Percentages carry at most two decimals: in hundredths they compare exactly, in integers. */
const hundredths = (percent: number): number => Math.round(percent * 100);

/** The largest number of errors `started` instances may have before the rule stops the run. */
export function errorsAllowed(started: number, maxErrors: Amount): number {
  if ("count" in maxErrors) return maxErrors.count;
  return Math.floor((hundredths(maxErrors.percent) * started) / 10_000);
}

/** What a wave's follow learned that the next wave's follow can start from. */
export interface WaveCarry {
  /** The shortest job duration seen so far: the next wave's estimate (no scouting). */
  jobDurationMs?: number | undefined;
  /** The newest job creation or end time seen so far (server clock, ISO): the next wave's listings start there. */
  listedSince?: string | undefined;
}

/**
 * The carry after a wave whose follow reported `learned`. Waves run one after another (the next is sent only
 * once every job of this one was seen ended), so each later job was created after every job seen so far:
 * the newest job time only grows; the duration is the shortest seen, as within one follow.
 */
export function carryForward(
  previous: WaveCarry,
  learned: { jobDurationMs?: number | undefined; newestJobTime?: string | undefined },
): WaveCarry {
  const durations = [previous.jobDurationMs, learned.jobDurationMs].filter(
    (d): d is number => d !== undefined && Number.isFinite(d) && d >= 0,
  );
  const times = [previous.listedSince, learned.newestJobTime].filter(
    (t): t is string => t !== undefined && Number.isFinite(Date.parse(t)),
  );
  const newest = times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return {
    ...(durations.length > 0 ? { jobDurationMs: Math.min(...durations) } : {}),
    ...(newest !== undefined ? { listedSince: newest } : {}),
  };
}
