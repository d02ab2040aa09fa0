// `apply` in waves: the client's rollout loop (runRollout) drives; each wave is submitted with the
// journal (submitWithJournal: every instance saved as `sending` before its request leaves) and
// followed with the report kept current (followWithReport), exactly as a one-wave apply --wait does.
// The report records each wave and the stop; a resume continues with the first wave not done.
import {
  planWaves,
  reportConclusion,
  runRollout,
  type PlannedWave,
  type RolloutRunResult,
  type RolloutStop,
  type UpgradePlan,
  type WaveEvents,
} from "@dbupgrade/client";
import { EXIT } from "../exit-codes.js";
import { followWithReport, type FollowView } from "../follow/follow.js";
import { createFollowView } from "../render/follow-view.js";
import { createSubmitView } from "../render/submit-view.js";
import type { RolloutRecord, WaveRecord } from "../report/rollout-types.js";
import type { ReportStore } from "../report/store.js";
import type { InstanceRecord } from "../report/types.js";
import type { ServiceKit } from "../services.js";
import type { UpgradeSettings } from "../settings.js";
import type { StopSignals } from "../signals.js";
import type { Terminal } from "../terminal.js";
import type { RunEnd } from "../commands/finish.js";
import { authRefused } from "../commands/failures.js";
import { submitWithJournal } from "./submit.js";
import type { RolloutSettings } from "./waves-flags.js";
import { historyOf, waveDone } from "./waves-tally.js";

/** The waves of a fresh run: the plan's eligible instances in plan order. */
export function newRolloutRecord(plan: UpgradePlan<unknown>, settings: RolloutSettings): RolloutRecord {
  const ids = plan.rows.filter((r) => r.eligible).map((r) => r.instanceId);
  const waves = planWaves(ids, { canary: settings.canary, waveSize: settings.waveSize });
  return { ...settings.given, waves: waves.map((w) => ({ index: w.index, kind: w.kind, members: w.members })) };
}

export function describeWaves(record: RolloutRecord): string {
  const waves = record.waves;
  const canary = waves[0]?.kind === "canary" ? `a canary of ${waves[0].members.length}, then ` : "";
  const rest = waves.filter((w) => w.kind === "wave");
  const sizes = [...new Set(rest.map((w) => w.members.length))].join("/");
  const rule = record.maxErrors === undefined ? "" : `; stop when errors exceed ${record.maxErrors}`;
  return `${canary}${rest.length} wave${rest.length === 1 ? "" : "s"} of ${sizes}${rule}`;
}

export interface WaveRunContext {
  store: ReportStore;
  kit: ServiceKit;
  settings: UpgradeSettings;
  /** What this run may send (undefined: nothing left to send, only to follow). */
  plan: UpgradePlan<unknown> | undefined;
  rollout: RolloutSettings;
  /** Follow each wave to its end (always with a canary or several waves; a single wave only with --wait). */
  follow: boolean;
  terminal: Terminal;
  signals: StopSignals;
  concurrency: number | undefined;
  pollIntervalMs: number | undefined;
  deadline: number | undefined;
  /** Asks before a wave (not asked for the first wave of this run: the run's own question covered it). */
  approve: ((question: string) => Promise<boolean>) | undefined;
  /** How the operator resumes this run. */
  resumeCommand: string;
}

const inputId = (input: unknown): string =>
  typeof input === "string" ? input : (input as { instanceId: string }).instanceId;

/** The one line saying why the run stopped (printed, and kept in the report). */
export function stopMessage(stop: RolloutStop, resume: string): string {
  switch (stop.reason) {
    case "max-errors":
      return `stopped by --max-errors ${stop.maxErrors}: ${stop.errors} error${stop.errors === 1 ? "" : "s"} among ${stop.started} instances started (at most ${stop.allowed} allowed); nothing more was sent. After a look, go on with: ${resume} --max-errors <larger>`;
    case "declined":
      return `wave ${stop.wave + 1} not confirmed; nothing more was sent. Go on with: ${resume}`;
    case "aborted":
      return `interrupted before wave ${stop.wave + 1} ended; go on with: ${resume}`;
    case "unfinished":
      return `wave ${stop.wave + 1}: ${stop.instances.length} upgrade(s) not finished, so no next wave; go on with: ${resume}`;
  }
}

/** Submits and follows one wave, telling the loop what happened to each member. */
function waveStep(context: WaveRunContext, total: number, fatal: { end: RunEnd | undefined }) {
  const { store, kit, settings, plan, terminal, signals } = context;
  const records = new Map(store.report.instances.map((r) => [r.instanceId, r]));
  const expected = new Map((plan?.rows ?? []).map((r) => [r.instanceId, r.to]));
  return async (wave: PlannedWave, events: WaveEvents, stopSending: AbortSignal) => {
    const label = `${kit.service} ${wave.kind === "canary" ? "canary" : "wave"} ${wave.index + 1}/${total}`;
    const members = new Set(wave.members);
    const waveRecord = store.report.rollout!.waves[wave.index]!;
    waveRecord.startedAt = new Date().toISOString();
    delete waveRecord.endedAt;
    delete waveRecord.outcome;
    store.save();
    const batches = (plan?.batches ?? [])
      .map((b) => ({ inputs: b.inputs.filter((input) => members.has(inputId(input))) }))
      .filter((b) => b.inputs.length > 0);
    const count = batches.reduce((n, b) => n + b.inputs.length, 0);
    if (count > 0 && plan !== undefined) {
      const view = createSubmitView(terminal, label, count, Math.ceil(count / plan.chunkSize));
      const result = await submitWithJournal(store, batches, kit.sender(settings), {
        signal: AbortSignal.any([stopSending, signals.stop]),
        hardSignal: signals.hard,
        ...(context.concurrency === undefined ? {} : { concurrency: context.concurrency }),
        onSending: (sent) => {
          events.started(sent.map((r) => r.instanceId));
          view.sending(sent);
        },
        onSettled: (settled) => {
          for (const record of settled) reportSubmission(events, record);
          view.settled(settled);
        },
      });
      view.finish();
      store.report.phase = "submitted";
      store.save();
      if (result.journalError !== undefined)
        fatal.end = {
          code: EXIT.someFailed,
          message: `cannot write the report file (${result.journalError.message}); stopped before sending more`,
          outcome: "failed",
        };
      else if (result.authRefusal !== undefined) {
        const r = result.authRefusal;
        const error = authRefused(r.httpStatus, r.errorCode, r.errorMessage);
        fatal.end = { code: error.exitCode, message: `${error.message}; nothing more was sent`, outcome: "failed" };
      }
      if (fatal.end !== undefined) return;
    }
    if (context.follow) await followWave(context, label, events, members, expected, records);
  };
}

function reportSubmission(events: WaveEvents, record: InstanceRecord): void {
  const status = record.submission?.status;
  if (status === "rejected") events.failed(record.instanceId, "rejected");
  else if (status === "failed")
    events.failed(record.instanceId, record.submission?.mayHaveReachedServer === false ? "submit-failed" : "uncertain");
}

async function followWave(
  context: WaveRunContext,
  label: string,
  events: WaveEvents,
  members: ReadonlySet<string>,
  expected: ReadonlyMap<string, string>,
  records: ReadonlyMap<string, InstanceRecord>,
): Promise<void> {
  const { store, kit, terminal, signals } = context;
  const pending = store.report.instances.filter(
    (r) => r.submission?.status === "submitted" && r.submission.outcome !== undefined && r.job?.final !== true,
  );
  const conclude = (record: InstanceRecord) => {
    if (!members.has(record.instanceId) || record.job?.final !== true) return;
    reportConclusion(
      events,
      {
        instanceId: record.instanceId,
        state: record.job.state,
        final: true,
        version: null,
      } as Parameters<typeof reportConclusion>[1],
      expected.get(record.instanceId),
    );
  };
  if (pending.length > 0) {
    const view = createFollowView(terminal, label, pending.length);
    const wrapped: FollowView = {
      progress: (p) => view.progress(p),
      concluded: (record) => {
        conclude(record);
        view.concluded(record);
      },
      finish: () => view.finish(),
    };
    await followWithReport(store, kit, {
      signal: signals.stop,
      view: wrapped,
      ...(context.deadline === undefined ? {} : { deadline: context.deadline }),
      ...(context.pollIntervalMs === undefined ? {} : { pollIntervalMs: context.pollIntervalMs }),
    });
  }
  // Members that ended in an earlier run (a resume) or whose end the follower reported at its close.
  for (const id of members) {
    const record = records.get(id);
    if (record !== undefined) conclude(record);
  }
}

function recordWave(store: ReportStore, result: RolloutRunResult["waves"][number]): void {
  const wave: WaveRecord | undefined = store.report.rollout?.waves[result.index];
  if (wave === undefined) return;
  wave.startedAt = result.startedAt;
  wave.endedAt = result.endedAt;
  wave.outcome = result.outcome;
  wave.started = result.started;
  wave.confirmed = result.confirmed;
  wave.errors = result.errors;
  store.save();
}

/** Runs the report's waves from the first one not done. Undefined: every wave ran (problems or not). */
export async function runWaves(context: WaveRunContext): Promise<RunEnd | undefined> {
  const { store, terminal, rollout } = context;
  const record = store.report.rollout!;
  const records = new Map(store.report.instances.map((r) => [r.instanceId, r]));
  const done = new Set(record.waves.filter((w) => waveDone(w, records)).map((w) => w.index));
  delete record.stop;
  store.save();
  const fatal: { end: RunEnd | undefined } = { end: undefined };
  const fatalStop = new AbortController();
  let asked = 0;
  const result = await runRollout(
    record.waves.map((w) => ({ index: w.index, kind: w.kind, members: w.members })),
    waveStep(context, record.waves.length, fatal),
    {
      maxErrors: rollout.maxErrors,
      bakeMs: rollout.bakeMs,
      history: historyOf(store.report.instances),
      done,
      signal: AbortSignal.any([context.signals.stop, fatalStop.signal]),
      onWave: async ({ wave, of, started, errors }) => {
        if (fatal.end !== undefined) {
          fatalStop.abort();
          return false;
        }
        const first = asked++ === 0;
        terminal.note(
          `${wave.kind === "canary" ? "canary" : "wave"} ${wave.index + 1}/${of}: ${wave.members.length} instance${wave.members.length === 1 ? "" : "s"} (so far ${started} started, ${errors} error${errors === 1 ? "" : "s"})`,
        );
        if (first || context.approve === undefined) return true;
        return context.approve(`Go on with wave ${wave.index + 1}/${of} (${wave.members.length} instances)?`);
      },
      onWaveEnd: (wave) => {
        recordWave(store, wave);
        if (rollout.bakeMs && fatal.end === undefined)
          terminal.debug(`baking ${rollout.bakeMs / 1000}s before the next wave`);
      },
    },
  );
  if (fatal.end !== undefined) return fatal.end;
  if (result.stopped === undefined) return undefined;
  // One wave, not followed (no --wait): submitted is as far as this run goes, as without waves.
  if (result.stopped.reason === "unfinished" && !context.follow) return undefined;
  const message = stopMessage(result.stopped, context.resumeCommand);
  record.stop = {
    reason: result.stopped.reason,
    at: new Date().toISOString(),
    wave: result.stopped.wave,
    errors: result.errors,
    started: result.started,
    ...(result.stopped.reason === "max-errors"
      ? { maxErrors: result.stopped.maxErrors, allowed: result.stopped.allowed }
      : {}),
    message,
  };
  store.save();
  if (result.stopped.reason === "max-errors") return { code: EXIT.someFailed, message, outcome: "failed" };
  return { code: EXIT.interrupted, message, outcome: "interrupted" };
}
