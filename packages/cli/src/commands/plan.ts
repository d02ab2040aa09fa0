// `dbupgrade plan`: what an upgrade would do, without sending one (the planner only reads).
import { resolveConnection, type ConnectionFlags } from "../config.js";
import { CliError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";
import { renderPlan } from "../render/plan-view.js";
import { createKit } from "../services.js";
import { upgradeSettings, type UpgradeFlags } from "../settings.js";
import { watchSignals } from "../signals.js";
import { printJson, terminalFor, type OutputFlags } from "./context.js";
import { asCliError } from "./failures.js";
import { selectorOf, serviceOf, type SelectionFlags } from "./selection.js";

type PlanFlags = OutputFlags & ConnectionFlags & SelectionFlags & UpgradeFlags;

export async function run(io: Io, flags: PlanFlags): Promise<number> {
  const terminal = terminalFor(io, flags);
  const service = serviceOf(flags);
  const selector = selectorOf(io, flags);
  const settings = upgradeSettings(service, flags, new Date(), false);
  const connection = resolveConnection(service, flags, io.env, io.scrubber, terminal.note);
  terminal.debug(
    `${service}: ${connection.endpoint ?? `region ${connection.region}`}, project ${connection.projectId}, ${connection.authSource}`,
  );
  const kit = createKit(service, connection);
  const signals = watchSignals(io, terminal, { stop: "stopping", hard: "stopping" });
  try {
    const plan = await kit.plan(selector, settings, signals.stop).catch((error: unknown) => {
      if (signals.stop.aborted) throw new CliError("interrupted while planning; nothing was sent", EXIT.interrupted);
      throw asCliError(error, "planning");
    });
    if (flags.json) printJson(terminal, plan);
    else terminal.print(renderPlan(terminal.outColors, service, plan));
    terminal.debug(`${plan.requests} read-only requests made`);
    return EXIT.ok;
  } finally {
    signals.dispose();
  }
}
