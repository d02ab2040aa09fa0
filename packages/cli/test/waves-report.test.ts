// The rollout's pieces of the report: flags checked before anything is sent, what each record counts
// as for the stop rule (a resume starts from these), when a wave is done, and hostile rollout data.
import { describe, expect, it } from "vitest";
import { newRolloutRecord } from "../src/apply/waves.js";
import { rolloutSettings, settingsOfRecord } from "../src/apply/waves-flags.js";
import { historyOf, tallyOf, waveDone } from "../src/apply/waves-tally.js";
import { rolloutProblem } from "../src/report/rollout-read.js";
import type { InstanceRecord } from "../src/report/types.js";

const at = "2026-12-05T00:00:00.000Z";
const submitted = (job?: InstanceRecord["job"]): Partial<InstanceRecord> => ({
  submission: { status: "submitted", at, attempts: 1, outcome: { status: "submitted", instanceId: "x" } },
  ...(job ? { job } : {}),
});
const rec = (instanceId: string, more: Partial<InstanceRecord> = {}): InstanceRecord => ({
  instanceId,
  eligible: true,
  ...more,
});

describe("rollout flags", () => {
  it("no wave flags: no rollout; waves without --max-errors stop at the first error", () => {
    expect(rolloutSettings({})).toBeUndefined();
    expect(rolloutSettings({ waveSize: "25%" })).toMatchObject({ maxErrors: { count: 0 }, given: { maxErrors: "0" } });
    expect(rolloutSettings({ maxErrors: "10%" })).toMatchObject({ maxErrors: { percent: 10 } });
    expect(rolloutSettings({ canary: "2", bake: "10m" })).toMatchObject({ canary: { count: 2 }, bakeMs: 600_000 });
  });

  it("refuses bad values and a bake without waves, as usage errors", () => {
    for (const flags of [
      { canary: "0" },
      { waveSize: "120%" },
      { maxErrors: "-1" },
      { bake: "10m" },
      { canary: "1", bake: "soon" },
    ])
      expect(() => rolloutSettings(flags)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it("a resume keeps the waves and takes a new threshold", () => {
    const record = { canary: "2", waveSize: "5", maxErrors: "10%", bakeMs: 1_000, waves: [] };
    expect(settingsOfRecord(record, undefined)).toMatchObject({ maxErrors: { percent: 10 }, bakeMs: 1_000 });
    expect(settingsOfRecord(record, "20%")).toMatchObject({ maxErrors: { percent: 20 }, canary: { count: 2 } });
  });
});

describe("what a record counts as", () => {
  it("maps every submission and job state", () => {
    expect(tallyOf(rec("a"))).toBeUndefined();
    expect(tallyOf(rec("a", { submission: { status: "skipped", at, attempts: 0 } }))).toBeUndefined();
    expect(tallyOf(rec("a", { submission: { status: "sending", at, attempts: 1 } }))).toBe("uncertain");
    expect(tallyOf(rec("a", { submission: { status: "rejected", at, attempts: 1 } }))).toBe("rejected");
    expect(tallyOf(rec("a", { submission: { status: "failed", at, attempts: 1, mayHaveReachedServer: false } }))).toBe(
      "submit-failed",
    );
    expect(tallyOf(rec("a", { submission: { status: "failed", at, attempts: 1 } }))).toBe("uncertain");
    expect(tallyOf(rec("a", submitted()))).toBe("started");
    expect(tallyOf(rec("a", submitted({ state: "running", final: false, at })))).toBe("started");
    expect(tallyOf(rec("a", submitted({ state: "completed", final: true, at })))).toBe("confirmed");
    expect(tallyOf(rec("a", submitted({ state: "failed", final: true, at })))).toBe("job-failed");
    expect(tallyOf(rec("a", submitted({ state: "cancelled", final: true, at })))).toBe("job-cancelled");
    expect(tallyOf(rec("a", submitted({ state: "unknown", final: true, at })))).toBe("job-lost");
    expect([...historyOf([rec("a"), rec("b", submitted())]).keys()]).toEqual(["b"]);
  });

  it("a wave is done when nothing of it is left to send or to follow", () => {
    const wave = { index: 0, kind: "wave" as const, members: ["a", "b"] };
    const records = (b: InstanceRecord) =>
      new Map([
        ["a", rec("a", submitted({ state: "completed", final: true, at }))],
        ["b", b],
      ]);
    expect(waveDone(wave, records(rec("b")))).toBe(false);
    expect(waveDone(wave, records(rec("b", submitted({ state: "running", final: false, at }))))).toBe(false);
    expect(waveDone(wave, records(rec("b", { submission: { status: "sending", at, attempts: 1 } })))).toBe(true);
    expect(waveDone(wave, records(rec("b", { eligible: false })))).toBe(true);
  });
});

describe("rollout data read from a file", () => {
  const ids = new Set(["a", "b", "c"]);
  const waves = [
    { index: 0, kind: "canary", members: ["a"] },
    { index: 1, kind: "wave", members: ["b", "c"] },
  ];
  it("accepts what apply writes", () => {
    const plan = { rows: ["a", "b", "c"].map((instanceId) => ({ instanceId, eligible: true })) } as never;
    const record = newRolloutRecord(plan, rolloutSettings({ canary: "1", waveSize: "2" })!);
    expect(record.waves.map((w) => w.members)).toEqual([["a"], ["b", "c"]]);
    expect(rolloutProblem(record, ids)).toBeUndefined();
    expect(rolloutProblem(undefined, ids)).toBeUndefined();
  });

  it("refuses an instance twice, one outside the report, bad thresholds and broken waves", () => {
    expect(rolloutProblem({ waves: [waves[0], { ...waves[1], members: ["b", "a"] }] }, ids)).toMatch(/names a again/);
    expect(rolloutProblem({ waves: [{ ...waves[0], members: ["zz"] }] }, ids)).toMatch(/not an instance of the report/);
    expect(rolloutProblem({ waves, maxErrors: "lots" }, ids)).toMatch(/maxErrors/);
    expect(rolloutProblem({ waves: [waves[1]] }, ids)).toMatch(/is not wave 0/);
    expect(rolloutProblem({ waves: "all" }, ids)).toMatch(/not a list/);
    expect(rolloutProblem({ waves: [{ ...waves[0], members: [] }] }, ids)).toMatch(/empty/);
  });
});
