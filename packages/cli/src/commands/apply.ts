// `dbupgrade apply`: plan, confirm, submit with a journal, optionally follow; or resume a report.
import { NOT_EXPOSED, type UpgradePlan } from "@dbupgrade/client";
import { existsSync } from "node:fs";
import { confirmOnTerminal } from "../apply/confirm.js";
import { newReport, refreshRecord, settingsFromJson } from "../apply/records.js";
import { submitWithJournal } from "../apply/submit.js";
import { describeWaves, newRolloutRecord, runWaves } from "../apply/waves.js";
import { rolloutSettings, settingsOfRecord, type WaveFlags } from "../apply/waves-flags.js";
import { resolveConnection, type ConnectionFlags } from "../config.js";
import { CliError, usageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";
import { renderPlan } from "../render/plan-view.js";
import { createSubmitView } from "../render/submit-view.js";
import type { RolloutRecord } from "../report/rollout-types.js";
import { ReportStore } from "../report/store.js";
import { mayHaveReachedServer, safeToSend } from "../report/summary.js";
import { createKit, type ServiceKit } from "../services.js";
import {
  parseDuration,
  parsePositiveInteger,
  parseSeconds,
  upgradeSettings,
  type UpgradeFlags,
  type UpgradeSettings,
} from "../settings.js";
import { watchSignals, type StopSignals } from "../signals.js";
import type { Terminal } from "../terminal.js";
import {
  absolutePath,
  connectionForReport,
  loadReport,
  lockOrFail,
  serviceOfReport,
  terminalFor,
  type OutputFlags,
} from "./context.js";
import { asCliError, authRefused } from "./failures.js";
import { finishRun, followAndFinish, type RunEnd } from "./finish.js";
import { selectorOf, serviceOf, type SelectionFlags } from "./selection.js";

export interface ApplyFlags extends OutputFlags, ConnectionFlags, SelectionFlags, UpgradeFlags, WaveFlags {
  report?: string;
  yes?: boolean;
  wait?: boolean;
  resume?: string;
  force?: boolean;
  concurrency?: string;
  pollInterval?: string;
  timeout?: string;
}

interface Prepared {
  store: ReportStore;
  kit: ServiceKit;
  settings: UpgradeSettings;
  /** The plan of what this run sends (undefined: nothing to send). */
  plan: UpgradePlan<unknown> | undefined;
  command: string;
}

function checkFlags(flags: ApplyFlags, terminal: Terminal): void {
  if (flags.force && flags.resume === undefined)
    throw usageError("--force goes with --resume (it resends what may have reached the server)");
  const waves = flags.canary !== undefined || flags.waveSize !== undefined;
  if (
    (flags.pollInterval !== undefined || flags.timeout !== undefined) &&
    !flags.wait &&
    !waves &&
    flags.resume === undefined
  )
    throw usageError(
      "--poll-interval and --timeout go with --wait (or --canary / --wave-size, which wait for each wave)",
    );
  rolloutSettings(flags); // a bad --canary, --wave-size, --max-errors or --bake is a usage error before anything else
  if (!flags.yes && !terminal.canPrompt)
    throw usageError("apply asks for confirmation; pass --yes when not on a terminal (CI)");
  if (flags.resume !== undefined) {
    const extra = (
      [
        "ids",
        "idsFile",
        "all",
        "name",
        "startTime",
        "targetVersion",
        "delay",
        "report",
        "canary",
        "waveSize",
        "bake",
      ] as const
    ).filter((k) => flags[k] !== undefined);
    if (extra.length > 0)
      throw usageError(
        `--resume continues the report's run as planned; drop ${extra.map((k) => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`).join(", ")}`,
      );
  }
}

async function planOrFail(
  kit: ServiceKit,
  selector: Parameters<ServiceKit["plan"]>[0],
  settings: UpgradeSettings,
  signals: StopSignals,
): Promise<UpgradePlan<unknown>> {
  try {
    return await kit.plan(selector, settings, signals.stop);
  } catch (error) {
    if (signals.stop.aborted) throw new CliError("interrupted while planning; nothing was sent", EXIT.interrupted);
    throw asCliError(error, "planning");
  }
}

/** A service that needs a target version (gaussdb): without --target-version, the one version the plan finds offered for every eligible instance. */
function withTargetVersion(kit: ServiceKit, settings: UpgradeSettings, plan: UpgradePlan<unknown>): UpgradeSettings {
  if (kit.settings.targetVersion !== "required" || settings.targetVersion !== undefined || plan.counts.eligible === 0)
    return settings;
  const offered = [...new Set(plan.rows.filter((r) => r.eligible).map((r) => r.to))];
  if (offered.length !== 1 || offered[0] === NOT_EXPOSED)
    throw usageError(
      `pass --target-version: the plan finds ${offered.length === 1 ? "no offered version" : `several (${offered.join(", ")})`}`,
    );
  return { ...settings, targetVersion: offered[0] };
}

async function prepareFresh(
  io: Io,
  flags: ApplyFlags,
  terminal: Terminal,
  signals: StopSignals,
  unlocks: (() => void)[],
): Promise<Prepared> {
  const service = serviceOf(flags);
  const selector = selectorOf(io, flags);
  let settings = upgradeSettings(service, flags, new Date(), true);
  const connection = resolveConnection(service, flags, io.env, io.scrubber, terminal.note);
  terminal.debug(
    `${service}: ${connection.endpoint ?? `region ${connection.region}`}, project ${connection.projectId}, ${connection.authSource}`,
  );
  const name = flags.report ?? `dbupgrade-${service}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  const path = absolutePath(io, name);
  unlocks.push(lockOrFail(path));
  if (existsSync(path))
    throw usageError(`report file ${name} exists; continue it with --resume ${name}, or choose another --report`);
  const kit = createKit(service, connection);
  const plan = await planOrFail(kit, selector, settings, signals);
  settings = withTargetVersion(kit, settings, plan);
  const report = newReport(service, connection, settings, plan, new Date());
  const rollout = rolloutSettings(flags);
  if (rollout !== undefined) report.rollout = newRolloutRecord(plan, rollout);
  const store = new ReportStore(path, report, (v) => io.scrubber.scrubValue(v));
  store.save();
  return { store, kit, settings, plan, command: "apply" };
}

async function prepareResume(
  io: Io,
  flags: ApplyFlags,
  terminal: Terminal,
  signals: StopSignals,
  unlocks: (() => void)[],
): Promise<Prepared> {
  const path = absolutePath(io, flags.resume!);
  unlocks.push(lockOrFail(path));
  const report = loadReport(path);
  const service = serviceOfReport(report, flags.resume!);
  if (flags.maxErrors !== undefined) {
    if (report.rollout === undefined)
      throw usageError(`--max-errors on --resume changes a rollout's threshold; ${flags.resume} was not run with one`);
    settingsOfRecord(report.rollout, flags.maxErrors); // checks it
    report.rollout.maxErrors = flags.maxErrors.trim();
  }
  if (flags.service !== undefined && flags.service !== service)
    throw usageError(`report file ${flags.resume} is a ${service} run, not ${flags.service}`);
  const settings = settingsFromJson(report.options);
  const connection = connectionForReport(io, flags, report, terminal);
  const store = new ReportStore(path, report, (v) => io.scrubber.scrubValue(v));
  const kit = createKit(service, connection);
  const uncertain = report.instances.filter(mayHaveReachedServer).map((r) => r.instanceId);
  if (uncertain.length > 0) {
    terminal.note(
      flags.force
        ? `--force: resending ${uncertain.length} instance(s) whose request may have reached the server (the plan drops any now busy): ${uncertain.join(", ")}`
        : `not resent: ${uncertain.length} instance(s) whose request may have reached the server; check them, then --force: ${uncertain.join(", ")}`,
    );
  }
  const ids = report.instances
    .filter((r) => safeToSend(r) || (flags.force && mayHaveReachedServer(r)))
    .map((r) => r.instanceId);
  if (ids.length === 0) {
    terminal.note("nothing to send: every instance has an answer (or may have reached the server)");
    return { store, kit, settings, plan: undefined, command: "apply --resume" };
  }
  const plan = await planOrFail(kit, { ids }, settings, signals);
  const rows = new Map(plan.rows.map((row) => [row.instanceId, row]));
  for (const record of report.instances) {
    const row = rows.get(record.instanceId);
    if (row !== undefined) refreshRecord(record, row);
    else if (ids.includes(record.instanceId)) delete record.request;
  }
  for (const note of plan.notes) if (!report.notes.includes(note)) report.notes.push(note);
  store.save();
  return { store, kit, settings: withTargetVersion(kit, settings, plan), plan, command: "apply --resume" };
}

function question(
  kit: ServiceKit,
  settings: UpgradeSettings,
  plan: UpgradePlan<unknown>,
  rollout: RolloutRecord | undefined,
): string {
  const what = `${plan.counts.eligible} ${kit.service} instance${plan.counts.eligible === 1 ? "" : "s"} in ${plan.chunks.length} request${plan.chunks.length === 1 ? "" : "s"}`;
  const when =
    kit.settings.targetVersion !== undefined && kit.settings.startTime !== undefined
      ? ` to ${settings.targetVersion} at ${settings.startTime?.toISOString()}`
      : kit.settings.delay !== undefined
        ? settings.delay
          ? " in their maintenance windows"
          : " now"
        : "";
  const waves = plan.counts.eligible > 0 && rollout !== undefined ? ` in ${describeWaves(rollout)}` : "";
  return `Upgrade ${what}${when}${waves}?`;
}

async function submit(
  io: Io,
  flags: ApplyFlags,
  terminal: Terminal,
  signals: StopSignals,
  prepared: Prepared,
): Promise<RunEnd | undefined> {
  const { store, kit, settings, plan } = prepared;
  const rollout = store.report.rollout;
  if (plan === undefined || plan.counts.eligible === 0) {
    if (plan !== undefined) terminal.note("nothing to upgrade: no selected instance is eligible");
    // A rollout may still have a wave to follow (a resume after all was sent).
    if (rollout !== undefined && plan === undefined) return submitWaves(io, flags, terminal, signals, prepared);
    return undefined;
  }
  if (!flags.yes && !(await confirmOnTerminal(io, question(kit, settings, plan, rollout)))) {
    return { code: EXIT.interrupted, message: "not confirmed; nothing was sent", outcome: "interrupted" };
  }
  if (rollout !== undefined) return submitWaves(io, flags, terminal, signals, prepared);
  store.report.phase = "submitting";
  store.save();
  const view = createSubmitView(terminal, kit.service, plan.counts.eligible, plan.chunks.length);
  const concurrency = parsePositiveInteger(flags.concurrency, "--concurrency", 64);
  const result = await submitWithJournal(store, plan.batches, kit.sender(settings), {
    signal: signals.stop,
    hardSignal: signals.hard,
    ...(concurrency === undefined ? {} : { concurrency }),
    onSending: (records) => view.sending(records),
    onSettled: (records) => view.settled(records),
  });
  view.finish();
  store.report.phase = "submitted";
  if (result.journalError !== undefined) {
    return {
      code: EXIT.someFailed,
      message: `cannot write the report file (${result.journalError.message}); stopped before sending more`,
      outcome: "failed",
    };
  }
  if (result.authRefusal !== undefined) {
    const refusal = result.authRefusal;
    const error = authRefused(refusal.httpStatus, refusal.errorCode, refusal.errorMessage);
    return { code: error.exitCode, message: `${error.message}; nothing more was sent`, outcome: "failed" };
  }
  if (result.interrupted)
    return {
      code: EXIT.interrupted,
      message: `interrupted; resume with: dbupgrade apply --resume ${flags.resume ?? flags.report ?? store.path}`,
      outcome: "interrupted",
    };
  return undefined;
}

/** apply in waves (--canary, --wave-size, --max-errors): the waves module runs them on the same journal and follower. */
async function submitWaves(
  io: Io,
  flags: ApplyFlags,
  terminal: Terminal,
  signals: StopSignals,
  prepared: Prepared,
): Promise<RunEnd | undefined> {
  const { store, kit, settings, plan } = prepared;
  const record = store.report.rollout!;
  const rollout = settingsOfRecord(record, undefined);
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, "--timeout");
  store.report.phase = "submitting";
  store.save();
  return runWaves({
    store,
    kit,
    settings,
    plan,
    rollout,
    follow: flags.wait === true || record.waves.length > 1,
    terminal,
    signals,
    concurrency: parsePositiveInteger(flags.concurrency, "--concurrency", 64),
    pollIntervalMs: parseSeconds(flags.pollInterval, "--poll-interval"),
    deadline: timeoutMs === undefined ? undefined : Date.now() + timeoutMs,
    approve: flags.yes ? undefined : (text) => confirmOnTerminal(io, text),
    resumeCommand: `dbupgrade apply --resume ${flags.resume ?? flags.report ?? store.path}`,
  });
}

export async function run(io: Io, flags: ApplyFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  checkFlags(flags, terminal);
  const pollIntervalMs = parseSeconds(flags.pollInterval, "--poll-interval");
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, "--timeout");
  parsePositiveInteger(flags.concurrency, "--concurrency", 64);
  const signals = watchSignals(io, terminal, {
    stop: "stopping: no new requests; the ones in flight finish and are recorded (Ctrl-C again aborts them)",
    hard: "aborting the requests in flight (they may have reached the server)",
  });
  const unlocks: (() => void)[] = [];
  try {
    const prepared =
      flags.resume !== undefined
        ? await prepareResume(io, flags, terminal, signals, unlocks)
        : await prepareFresh(io, flags, terminal, signals, unlocks);
    const { store } = prepared;
    const shownPath = flags.resume ?? flags.report ?? store.path;
    if (prepared.plan !== undefined) {
      const text = renderPlan(
        flags.json ? terminal.errColors : terminal.outColors,
        prepared.kit.service,
        prepared.plan,
      );
      if (flags.json) terminal.note(text);
      else terminal.print(text);
    }
    store.report.runs.push({ command: prepared.command, startedAt: new Date().toISOString() });
    store.save();
    const stopped = await submit(io, flags, terminal, signals, prepared);
    if (stopped !== undefined || !flags.wait) return finishRun(terminal, flags, store, shownPath, stopped);
    return await followAndFinish(terminal, flags, store, prepared.kit, shownPath, signals, {
      pollIntervalMs,
      timeoutMs,
    });
  } finally {
    signals.dispose();
    for (const unlock of unlocks.reverse()) unlock();
  }
}
