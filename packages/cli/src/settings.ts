// Options that shape the upgrade itself (per service) and the run (numbers, durations), checked
// before anything is sent: a typo here is a usage error (exit 2), not a request.
import { usageError } from "./errors.js";

export interface UpgradeFlags {
  service?: string;
  startTime?: string;
  targetVersion?: string;
  delay?: boolean;
}

export interface UpgradeSettings {
  /** gaussdb: when the hot patch starts. */
  startTime?: Date;
  /** gaussdb: the hot-patch version (default: what the plan finds offered). */
  targetVersion?: string;
  /** taurusdb: upgrade in the maintenance window. */
  delay?: boolean;
}

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `2h`, `1h30m`, `1d` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)];
  if (trimmed === "" || parts.map((p) => p[0]).join("") !== trimmed)
    throw usageError(`${flag} must be a duration like 90s, 30m, 2h or 1h30m, not ${JSON.stringify(text)}`);
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit!]!, 0);
  if (!(ms > 0) || ms > 30 * units.d!) throw usageError(`${flag} must be more than 0 and at most 30d`);
  return Math.round(ms);
}

/** An ISO 8601 time with a zone (`2026-12-01T02:00:00+08:00`, `…Z`), or `+30m` / `+2h` from now. */
export function parseStartTime(text: string, now: Date): Date {
  const relative = /^\+(.+)$/.exec(text.trim());
  if (relative) return new Date(now.getTime() + parseDuration(relative[1]!, "--start-time"));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) {
    throw usageError(
      `--start-time must be ISO 8601 with a zone (2026-12-01T02:00:00+08:00 or …Z) or +30m / +2h, not ${JSON.stringify(text)}`,
    );
  }
  const normalized = text.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const date = new Date(normalized);
  // Date rolls 2026-02-31 over into March: check the calendar fields as written.
  const [y, mo, d, h, mi] = normalized.split(/[-T:]/).map((part) => Number.parseInt(part, 10));
  const calendar = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!));
  const real =
    calendar.getUTCMonth() === mo! - 1 &&
    calendar.getUTCDate() === d! &&
    calendar.getUTCHours() === h! &&
    calendar.getUTCMinutes() === mi!;
  if (Number.isNaN(date.getTime()) || !real)
    throw usageError(`--start-time ${JSON.stringify(text)} is not a real date and time`);
  return date;
}

export function parsePositiveInteger(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw usageError(`${flag} must be an integer from 1 to ${max}, not ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseSeconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds >= 0.1) || seconds > 3600)
    throw usageError(`${flag} must be a number of seconds from 0.1 to 3600, not ${JSON.stringify(text)}`);
  return seconds * 1000;
}

/**
 * The service options that apply to `service`; an option of another service is a usage error (it
 * would otherwise be silently ignored). `requireStart`: apply needs a start time for gaussdb.
 */
export function upgradeSettings(
  service: string,
  flags: UpgradeFlags,
  now: Date,
  requireStart: boolean,
): UpgradeSettings {
  const misplaced = (flag: string, owner: string) => usageError(`${flag} applies to --service ${owner} only`);
  if (service !== "gaussdb") {
    if (flags.startTime !== undefined) throw misplaced("--start-time", "gaussdb");
    if (flags.targetVersion !== undefined) throw misplaced("--target-version", "gaussdb");
  }
  if (service !== "taurusdb" && flags.delay !== undefined) throw misplaced("--delay", "taurusdb");
  const settings: UpgradeSettings = {};
  if (service === "gaussdb") {
    if (flags.startTime !== undefined) settings.startTime = parseStartTime(flags.startTime, now);
    else if (requireStart)
      throw usageError("--service gaussdb needs --start-time (when the hot patch starts), e.g. --start-time +30m");
    if (flags.targetVersion !== undefined) {
      if (flags.targetVersion.trim() === "") throw usageError("--target-version must not be empty");
      settings.targetVersion = flags.targetVersion.trim();
    }
  }
  if (service === "taurusdb") settings.delay = flags.delay === true;
  return settings;
}
