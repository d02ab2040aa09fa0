// The rollout loop with a scripted step: waves strictly one after another, the stop rule cutting a
// wave short without aborting what is in flight, approvals, bake, resume history, unfinished waves.
import { describe, expect, it } from "vitest";
import { planWaves, runRollout, type InstanceTally, type PlannedWave, type WaveEvents } from "../src/index.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `i${i}`);

/**
 * A step that "sends" one instance at a time (until told to stop), then ends their jobs: the listed
 * ones fail. `rejectAt`: those fail at once, as a rejected submission does.
 */
function scripted(failing: ReadonlySet<string>, log: string[] = [], rejectAt = false) {
  return async (wave: PlannedWave, events: WaveEvents, stopSending: AbortSignal) => {
    log.push(`start ${wave.index}`);
    const sent: string[] = [];
    for (const id of wave.members) {
      if (stopSending.aborted) break;
      events.started([id]);
      sent.push(id);
      await Promise.resolve();
      if (rejectAt && failing.has(id)) events.failed(id, "rejected");
    }
    for (const id of sent) {
      if (!failing.has(id)) events.confirmed(id);
      else if (!rejectAt) events.failed(id, "job-failed");
    }
    log.push(`end ${wave.index}`);
  };
}

describe("runRollout", () => {
  it("runs each wave only after the previous one ended", async () => {
    const log: string[] = [];
    const result = await runRollout(planWaves(ids(20), { waveSize: { percent: 25 } }), scripted(new Set(), log));
    expect(log).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
    expect(result.stopped).toBeUndefined();
    expect(result.waves.map((w) => [w.outcome, w.confirmed])).toEqual([
      ["confirmed", 5],
      ["confirmed", 5],
      ["confirmed", 5],
      ["confirmed", 5],
    ]);
    expect(result).toMatchObject({ started: 20, errors: 0 });
  });

  it("a failing canary over the threshold stops before any wave", async () => {
    const log: string[] = [];
    const waves = planWaves(ids(10), { canary: { count: 2 }, waveSize: { count: 4 } });
    const result = await runRollout(waves, scripted(new Set(["i1"]), log), { maxErrors: { count: 0 } });
    expect(log).toEqual(["start 0", "end 0"]);
    expect(result.stopped).toMatchObject({ reason: "max-errors", errors: 1, started: 2, maxErrors: "0", allowed: 0 });
    expect(result.waves[0]).toMatchObject({ kind: "canary", outcome: "stopped", started: 2, errors: 1 });
  });

  it("once exceeded mid-wave, sends nothing more of that wave, but what was sent still ends", async () => {
    const result = await runRollout(planWaves(ids(10)), scripted(new Set(["i2", "i3"]), [], true), {
      maxErrors: { count: 1 },
    });
    // i0..i3 were started; the second failure (i3) stops the sending; i0, i1 are still confirmed.
    expect(result.waves[0]).toMatchObject({ started: 4, errors: 2, confirmed: 2, outcome: "stopped" });
    expect(result.stopped).toMatchObject({ reason: "max-errors", errors: 2, started: 4 });
  });

  it("a percentage counts the instances started so far", async () => {
    // Waves of 5: one failure in wave 2 (1 of 10 ≤ 10 %), one in wave 3 (2 of 15 > 10 %): stop before wave 4.
    const log: string[] = [];
    const waves = planWaves(ids(20), { waveSize: { count: 5 } });
    const result = await runRollout(waves, scripted(new Set(["i6", "i12"]), log), { maxErrors: { percent: 10 } });
    expect(log.filter((l) => l.startsWith("start"))).toEqual(["start 0", "start 1", "start 2"]);
    expect(result.stopped).toMatchObject({
      reason: "max-errors",
      errors: 2,
      started: 15,
      maxErrors: "10%",
      allowed: 1,
    });
  });

  it("resumes: earlier errors still count; a larger threshold lets the next wave run", async () => {
    const waves = planWaves(ids(20), { waveSize: { count: 5 } });
    const history = new Map<string, InstanceTally>(ids(15).map((id) => [id, "confirmed"]));
    history.set("i6", "job-failed");
    history.set("i12", "rejected");
    const done = new Set([0, 1, 2]);
    const same = await runRollout(waves, scripted(new Set()), { maxErrors: { percent: 10 }, history, done });
    expect(same.waves).toEqual([]);
    expect(same.stopped).toMatchObject({ reason: "max-errors", wave: 3 });
    const log: string[] = [];
    const larger = await runRollout(waves, scripted(new Set(), log), { maxErrors: { percent: 15 }, history, done });
    expect(log).toEqual(["start 3", "end 3"]);
    expect(larger).toMatchObject({ stopped: undefined, started: 20, errors: 2 });
  });

  it("asks before each wave, bakes between waves, and stops when declined", async () => {
    const asked: number[] = [];
    const slept: number[] = [];
    const result = await runRollout(
      planWaves(ids(6), { canary: { count: 1 }, waveSize: { count: 2 } }),
      scripted(new Set()),
      {
        bakeMs: 5_000,
        sleep: async (ms) => void slept.push(ms),
        onWave: ({ wave }) => {
          asked.push(wave.index);
          return wave.index < 2;
        },
      },
    );
    expect(asked).toEqual([0, 1, 2]);
    expect(slept).toEqual([5_000, 5_000]);
    expect(result.stopped).toEqual({ reason: "declined", wave: 2 });
    expect(result.waves.map((w) => w.index)).toEqual([0, 1]);
  });

  it("a wave whose members did not all end is not followed by another", async () => {
    const step = async (wave: PlannedWave, events: WaveEvents) => {
      events.started(wave.members);
      events.confirmed(wave.members[0]!);
    };
    const result = await runRollout(planWaves(ids(4), { waveSize: { count: 2 } }), step);
    expect(result.stopped).toEqual({ reason: "unfinished", wave: 0, instances: ["i1"] });
    expect(result.waves).toHaveLength(1);
  });

  it("a stop signal ends the rollout before the next wave", async () => {
    const controller = new AbortController();
    const result = await runRollout(planWaves(ids(4), { waveSize: { count: 2 } }), scripted(new Set()), {
      signal: controller.signal,
      onWaveEnd: () => controller.abort(),
    });
    expect(result.stopped).toEqual({ reason: "aborted", wave: 1 });
  });
});
