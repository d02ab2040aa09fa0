// `dbupgrade scheduled list`: the upgrades waiting to start (TaurusDB --delay, openGauss --start-time).
import { resolveConnection, type ConnectionFlags } from "../../config.js";
import { EXIT } from "../../exit-codes.js";
import type { Io } from "../../io.js";
import { renderTable } from "../../render/table.js";
import { watchSignals } from "../../signals.js";
import { printJson, terminalFor, type OutputFlags } from "../context.js";
import { asCliError } from "../failures.js";
import { scheduledKit, scheduledServiceOf } from "./service.js";

export interface ScheduledListFlags extends OutputFlags, ConnectionFlags {
  service?: string;
}

export async function run(io: Io, flags: ScheduledListFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  const service = scheduledServiceOf(flags.service);
  const connection = resolveConnection(service, flags, io.env, io.scrubber, terminal.note);
  const kit = scheduledKit(service, connection);
  const signals = watchSignals(io, terminal, { stop: "stopping", hard: "stopping" });
  try {
    const upgrades = await kit.list(signals.stop).catch((error: unknown) => {
      throw asCliError(error, "listing scheduled upgrades");
    });
    if (flags.json) printJson(terminal, { service, upgrades });
    else if (upgrades.length === 0) terminal.print(`${service}: no pending scheduled upgrades`);
    else {
      terminal.print(
        renderTable(
          terminal.outColors,
          ["INSTANCE", "NAME", "TASK", "STARTS", "STATUS", "TARGET"],
          upgrades.map((u) => [
            u.instanceId,
            u.instanceName ?? "",
            u.taskId,
            u.startTime ?? "",
            u.status,
            u.target ?? "",
          ]),
        ),
      );
      terminal.print(`\n${service}: ${upgrades.length} pending scheduled upgrade${upgrades.length === 1 ? "" : "s"}`);
    }
    return EXIT.ok;
  } finally {
    signals.dispose();
  }
}
