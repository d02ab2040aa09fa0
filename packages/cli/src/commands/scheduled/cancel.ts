// `dbupgrade scheduled cancel`: cancels pending scheduled upgrades, chosen by instance (--ids), by an
// apply report (--report: its submitted instances) or all (--all). Each instance gets one outcome:
// cancelled, refused by the API (already running, ended), failed (no answer), or not found (no
// pending upgrade listed, nothing sent). Confirmation and exit codes as `apply`.
import type { CancelOutcome, ScheduledUpgrade } from "@dbupgrade/client";
import { confirmOnTerminal } from "../../apply/confirm.js";
import { resolveConnection, type ConnectionFlags } from "../../config.js";
import { usageError } from "../../errors.js";
import { EXIT } from "../../exit-codes.js";
import { parseIdList } from "../../ids.js";
import type { Io } from "../../io.js";
import { renderTable } from "../../render/table.js";
import { watchSignals } from "../../signals.js";
import { absolutePath, loadReport, printJson, terminalFor, type OutputFlags } from "../context.js";
import { asCliError } from "../failures.js";
import { scheduledKit, scheduledServiceOf } from "./service.js";

export interface ScheduledCancelFlags extends OutputFlags, ConnectionFlags {
  service?: string;
  ids?: string;
  report?: string;
  all?: boolean;
  yes?: boolean;
}

/** The instance ids asked for, or undefined for --all. */
function wanted(io: Io, flags: ScheduledCancelFlags, service: string): string[] | undefined {
  const given = [flags.ids !== undefined, flags.report !== undefined, flags.all === true].filter(Boolean).length;
  if (given !== 1) throw usageError("say which upgrades to cancel: --ids a,b, --report FILE or --all (one of them)");
  if (flags.all) return undefined;
  if (flags.ids !== undefined) {
    const ids = parseIdList(flags.ids, "--ids");
    if (ids.length === 0) throw usageError("--ids lists no instance ids");
    return ids;
  }
  const report = loadReport(absolutePath(io, flags.report!));
  if (report.service !== service)
    throw usageError(`report file ${flags.report} is a ${report.service} run, not ${service}`);
  return report.instances.filter((r) => r.submission?.status === "submitted").map((r) => r.instanceId);
}

export async function run(io: Io, flags: ScheduledCancelFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  const service = scheduledServiceOf(flags.service);
  const ids = wanted(io, flags, service);
  if (!flags.yes && !terminal.canPrompt)
    throw usageError("scheduled cancel asks for confirmation; pass --yes when not on a terminal (CI)");
  const connection = resolveConnection(service, flags, io.env, io.scrubber, terminal.note);
  const kit = scheduledKit(service, connection);
  const signals = watchSignals(io, terminal, { stop: "stopping", hard: "stopping" });
  try {
    const pending = await kit.list(signals.stop).catch((error: unknown) => {
      throw asCliError(error, "listing scheduled upgrades");
    });
    const byInstance = new Map<string, ScheduledUpgrade>();
    for (const upgrade of pending) if (!byInstance.has(upgrade.instanceId)) byInstance.set(upgrade.instanceId, upgrade);
    const chosen = ids === undefined ? [...byInstance.values()] : ids.flatMap((id) => byInstance.get(id) ?? []);
    const notFound: CancelOutcome[] = (ids ?? [])
      .filter((id) => !byInstance.has(id))
      .map((instanceId) => ({
        instanceId,
        taskId: null,
        status: "not-found",
        detail: "no pending scheduled upgrade of this instance is listed (already running, ended, or never scheduled)",
      }));
    let outcomes: CancelOutcome[] = [];
    if (chosen.length > 0) {
      const question = `Cancel ${chosen.length} scheduled ${service} upgrade${chosen.length === 1 ? "" : "s"}?`;
      if (!flags.yes && !(await confirmOnTerminal(io, question))) {
        terminal.note("dbupgrade: not confirmed; nothing was cancelled");
        return EXIT.interrupted;
      }
      outcomes = await kit.cancel(chosen, signals.hard);
    }
    const all = [...outcomes, ...notFound];
    if (flags.json) printJson(terminal, { service, outcomes: all });
    else if (all.length === 0) terminal.print(`${service}: no pending scheduled upgrades to cancel`);
    else
      terminal.print(
        renderTable(
          terminal.outColors,
          ["INSTANCE", "TASK", "OUTCOME", "DETAIL"],
          all.map((o) => [o.instanceId, o.taskId ?? "", o.status, o.detail ?? ""]),
        ),
      );
    const bad = all.filter((o) => o.status !== "cancelled").length;
    if (bad > 0) terminal.note(`dbupgrade: ${bad} of ${all.length} not cancelled`);
    return bad > 0 ? EXIT.someFailed : EXIT.ok;
  } finally {
    signals.dispose();
  }
}
