// Timing of the follower: a clock that tests can replace with virtual time, exponential backoff with
// jitter, and a requests-per-second bound that never lets two callers sleep at once (so a virtual
// clock that advances on sleep stays exact).

export interface FollowClock {
  /** Epoch ms. */
  now(): number;
  /** Resolves after ms, or as soon as the signal aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: FollowClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    }),
};

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Spread as a fraction of the delay: the delay is multiplied by a factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
  random: () => number;
}

/** The delay before poll number `n + 1` (n >= 0 polls already made without an answer that ends it). */
export function backoff(policy: BackoffPolicy, n: number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, n));
  return jittered(policy, base);
}

export function jittered(policy: Pick<BackoffPolicy, "jitter" | "random" | "maxMs">, ms: number): number {
  const spread = 1 + policy.jitter * (2 * policy.random() - 1);
  return Math.max(0, Math.min(policy.maxMs * (1 + policy.jitter), ms * spread));
}

/**
 * At most `perSecond` requests start in any one-second span, spaced evenly. Callers are served in
 * order; only the one at the head of the queue sleeps.
 */
export class RateLimiter {
  readonly #gapMs: number;
  readonly #clock: FollowClock;
  #nextAt = -Infinity;
  #queue: Promise<void> = Promise.resolve();

  constructor(perSecond: number, clock: FollowClock) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond))
      throw new RangeError("maxRequestsPerSecond must be a finite number > 0");
    this.#gapMs = 1000 / perSecond;
    this.#clock = clock;
  }

  /** Waits for this caller's slot. Resolves early (without a slot) when the signal aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(async () => {
      if (signal?.aborted) return;
      const now = this.#clock.now();
      const at = Math.max(now, this.#nextAt);
      this.#nextAt = at + this.#gapMs;
      if (at > now) await this.#clock.sleep(at - now, signal);
    });
    this.#queue = turn;
    return turn;
  }
}
