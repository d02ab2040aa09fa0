// The rollout's pure rules: amounts, waves and the error threshold, with properties over any fleet size.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorLimitExceeded, errorsAllowed, parseAmount, planWaves, sizeOf, type Amount } from "../src/index.js";

const amount: fc.Arbitrary<Amount> = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map((count) => ({ count })),
  fc.integer({ min: 1, max: 10_000 }).map((h) => ({ percent: h / 100 })),
);
const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 300 });

describe("parseAmount", () => {
  it("reads counts and percentages, and refuses anything else", () => {
    expect(parseAmount("5", "x")).toEqual({ count: 5 });
    expect(parseAmount(" 25% ", "x")).toEqual({ percent: 25 });
    expect(parseAmount("12.5%", "x")).toEqual({ percent: 12.5 });
    expect(parseAmount("0", "x", 0)).toEqual({ count: 0 });
    expect(parseAmount("0%", "x", 0)).toEqual({ percent: 0 });
    for (const bad of ["0", "0%", "101%", "-1", "1.5", "abc", "", "5 %%", "1.234%"])
      expect(() => parseAmount(bad, "--wave-size")).toThrow(/--wave-size/);
  });
});

describe("planWaves", () => {
  it("puts every instance in exactly one wave, in the order given", () => {
    fc.assert(
      fc.property(
        ids,
        fc.option(amount, { nil: undefined }),
        fc.option(amount, { nil: undefined }),
        (list, canary, waveSize) => {
          const waves = planWaves(list, { canary, waveSize });
          expect(waves.flatMap((w) => w.members)).toEqual(list);
          expect(waves.map((w) => w.index)).toEqual(waves.map((_, i) => i));
          for (const w of waves) expect(w.members.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("sizes the canary and the waves as asked; only the last wave may be smaller", () => {
    fc.assert(
      fc.property(ids, amount, amount, (list, canary, waveSize) => {
        const waves = planWaves(list, { canary, waveSize });
        if (list.length === 0) {
          expect(waves).toEqual([]);
          return;
        }
        expect(waves[0]).toMatchObject({ kind: "canary" });
        expect(waves[0]!.members.length).toBe(sizeOf(canary, list.length));
        const rest = waves.slice(1);
        for (const [i, w] of rest.entries()) {
          expect(w.kind).toBe("wave");
          if (i < rest.length - 1) expect(w.members.length).toBe(sizeOf(waveSize, list.length));
          else expect(w.members.length).toBeLessThanOrEqual(sizeOf(waveSize, list.length));
        }
      }),
    );
  });

  it("20 instances in waves of 25 % are four waves of five; no wave size is one wave", () => {
    const list = Array.from({ length: 20 }, (_, i) => `i${i}`);
    expect(planWaves(list, { waveSize: { percent: 25 } }).map((w) => w.members.length)).toEqual([5, 5, 5, 5]);
    expect(planWaves(list, { canary: { count: 2 } }).map((w) => [w.kind, w.members.length])).toEqual([
      ["canary", 2],
      ["wave", 18],
    ]);
    expect(planWaves(list).map((w) => w.members.length)).toEqual([20]);
  });
});

describe("the stop rule", () => {
  it("a count N is exceeded by the (N+1)th error", () => {
    expect(errorLimitExceeded(2, 10, { count: 2 })).toBe(false);
    expect(errorLimitExceeded(3, 10, { count: 2 })).toBe(true);
    expect(errorLimitExceeded(1, 10, { count: 0 })).toBe(true);
    expect(errorLimitExceeded(99, 100, undefined)).toBe(false);
  });

  it("a percentage is of the instances started so far, exact (no rounding)", () => {
    expect(errorLimitExceeded(1, 10, { percent: 10 })).toBe(false);
    expect(errorLimitExceeded(2, 10, { percent: 10 })).toBe(true);
    expect(errorLimitExceeded(1, 5, { percent: 10 })).toBe(true); // 10 % of 5 is 0.5
    expect(errorLimitExceeded(2, 15, { percent: 10 })).toBe(true);
    expect(errorLimitExceeded(1, 8, { percent: 12.5 })).toBe(false);
    expect(errorLimitExceeded(1, 7, { percent: 12.5 })).toBe(true);
  });

  it("is exceeded exactly when the errors pass errorsAllowed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), amount, (e, s, max) => {
        const errors = Math.min(e, s);
        expect(errorLimitExceeded(errors, s, max)).toBe(errors > errorsAllowed(s, max));
      }),
    );
  });

  it("more errors never un-exceed it, more started instances never make it stricter", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(100), amount, (errors, started, more, max) => {
        if (errorLimitExceeded(errors, started, max))
          expect(errorLimitExceeded(errors + more, started, max)).toBe(true);
        if (!errorLimitExceeded(errors, started, max))
          expect(errorLimitExceeded(errors, started + more, max)).toBe(false);
      }),
    );
  });
});
