// --canary, --wave-size, --max-errors and --bake: checked before anything is sent (a typo is a usage
// error), and kept in the report as given so a resume runs the same waves.
import { parseAmount, type Amount } from "@dbupgrade/client";
import { usageError } from "../errors.js";
import type { RolloutRecord } from "../report/rollout-types.js";
import { parseDuration } from "../settings.js";

export interface WaveFlags {
  canary?: string;
  waveSize?: string;
  maxErrors?: string;
  bake?: string;
}

export interface RolloutSettings {
  canary?: Amount;
  waveSize?: Amount;
  maxErrors?: Amount;
  bakeMs?: number;
  /** As given, for the report. */
  given: Omit<RolloutRecord, "waves" | "stop">;
}

function amount(text: string | undefined, flag: string, min: number): Amount | undefined {
  if (text === undefined) return undefined;
  try {
    return parseAmount(text, flag, min);
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** Undefined: none of the flags, so apply runs as one wave without a rule (as before they existed). */
export function rolloutSettings(flags: WaveFlags): RolloutSettings | undefined {
  if (flags.canary === undefined && flags.waveSize === undefined && flags.maxErrors === undefined) {
    if (flags.bake !== undefined)
      throw usageError("--bake goes with --canary or --wave-size (it is the pause between waves)");
    return undefined;
  }
  const canary = amount(flags.canary, "--canary", 1);
  const waveSize = amount(flags.waveSize, "--wave-size", 1);
  // With waves and no threshold given, the first error stops the run: a failing canary must.
  const maxErrors = amount(flags.maxErrors, "--max-errors", 0) ?? (canary || waveSize ? { count: 0 } : undefined);
  const bakeMs = flags.bake === undefined ? undefined : parseDuration(flags.bake, "--bake");
  if (bakeMs !== undefined && canary === undefined && waveSize === undefined)
    throw usageError("--bake goes with --canary or --wave-size (it is the pause between waves)");
  return {
    ...(canary ? { canary } : {}),
    ...(waveSize ? { waveSize } : {}),
    ...(maxErrors ? { maxErrors } : {}),
    ...(bakeMs === undefined ? {} : { bakeMs }),
    given: {
      ...(flags.canary === undefined ? {} : { canary: flags.canary.trim() }),
      ...(flags.waveSize === undefined ? {} : { waveSize: flags.waveSize.trim() }),
      ...(maxErrors === undefined ? {} : { maxErrors: flags.maxErrors?.trim() ?? "0" }),
      ...(bakeMs === undefined ? {} : { bakeMs }),
    },
  };
}

/** The settings a report's rollout was started with; `maxErrors` (from `apply --resume --max-errors`) replaces its threshold. */
export function settingsOfRecord(record: RolloutRecord, maxErrors: string | undefined): RolloutSettings {
  const settings = rolloutSettings({
    ...(record.canary === undefined ? {} : { canary: record.canary }),
    ...(record.waveSize === undefined ? {} : { waveSize: record.waveSize }),
    maxErrors: maxErrors ?? record.maxErrors ?? undefined,
  } as WaveFlags);
  const bakeMs = record.bakeMs;
  const base = settings ?? { given: {} };
  return {
    ...base,
    ...(bakeMs === undefined ? {} : { bakeMs }),
    given: { ...base.given, ...(bakeMs === undefined ? {} : { bakeMs }) },
  };
}
