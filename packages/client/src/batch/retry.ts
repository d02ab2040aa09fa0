// Opt-in retries for non-idempotent POSTs. Only two kinds of failure are retried, because only they
// prove the server did not act: a failure before the connection existed (refused, DNS), and 429/503
// with `Retry-After` (the gateway turning the request away). Timeouts, resets and 5xx are never retried.
import { DbUpgradeApiError, DbUpgradeNetworkError, type DbUpgradeError } from "../errors.js";
import { isConnectPhaseCode } from "../failure.js";

export interface RetryPolicy {
  /** Requests per chunk, the first included. Default 3. */
  maxAttempts?: number;
  /** Backoff base: attempt n waits about baseDelayMs * 2^(n-1), with jitter. Default 500. */
  baseDelayMs?: number;
  /** Cap of the exponential backoff. Default 20 000. */
  maxDelayMs?: number;
  /** A longer `Retry-After` is not waited for: the chunk fails instead. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
  /** Waits ms milliseconds or until signal aborts (resolving either way). Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock for HTTP-date `Retry-After` values, in epoch ms. Default Date.now. */
  now?: () => number;
}

export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** The statuses that are retried when they carry `Retry-After`. */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export function sleepWithSignal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function resolveRetryPolicy(option: RetryPolicy | boolean | undefined): ResolvedRetryPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  const policy = option === true ? {} : option;
  const resolved: ResolvedRetryPolicy = {
    maxAttempts: policy.maxAttempts ?? 3,
    baseDelayMs: policy.baseDelayMs ?? 500,
    maxDelayMs: policy.maxDelayMs ?? 20_000,
    maxRetryAfterMs: policy.maxRetryAfterMs ?? 60_000,
    random: policy.random ?? Math.random,
    sleep: policy.sleep ?? sleepWithSignal,
    now: policy.now ?? Date.now,
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1)
    throw new RangeError("retry.maxAttempts must be an integer >= 1");
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0)
      throw new RangeError(`retry.${key} must be a finite number >= 0`);
  }
  return resolved;
}

// The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms.
// Anything else (`-1`, `1.5`, `soon`) is not a date, whatever Date.parse would make of it.
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * `Retry-After` in ms: delta-seconds (digits only) or an HTTP-date; undefined when absent or invalid
 * (a negative or fractional number is neither, so it is not retried on).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.some((form) => form.test(text))) return undefined;
  // asctime has no zone: it is GMT.
  const date = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread but still wait. */
export function backoffDelay(attempt: number, policy: ResolvedRetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return cap / 2 + policy.random() * (cap / 2);
}

/** Whether a failure proves the request was not processed, so resending cannot apply it twice. */
export function isSafeToRetry(error: DbUpgradeError): boolean {
  if (error instanceof DbUpgradeNetworkError) return !error.mayHaveReachedServer && isConnectPhaseCode(error.code);
  if (error instanceof DbUpgradeApiError)
    return RETRY_AFTER_STATUSES.has(error.status) && error.response?.headers.has("Retry-After") === true;
  return false;
}

/** How long to wait before the next attempt, or undefined to stop (not retryable, or out of attempts). */
export function retryDelay(error: DbUpgradeError, attempt: number, policy: ResolvedRetryPolicy): number | undefined {
  if (attempt >= policy.maxAttempts || !isSafeToRetry(error)) return undefined;
  const backoff = backoffDelay(attempt, policy);
  if (error instanceof DbUpgradeApiError) {
    const retryAfter = parseRetryAfter(error.response?.headers.get("Retry-After"), policy.now());
    if (retryAfter === undefined || retryAfter > policy.maxRetryAfterMs) return undefined;
    return Math.max(retryAfter, backoff);
  }
  return backoff;
}
