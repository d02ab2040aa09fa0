// The report on disk, kept current while a command runs. Every save writes a temporary file next to
// the report, fsyncs it and renames it over the report: a reader (or a process killed with -9 at any
// instant) sees the previous complete version or the next one, never half of one. Saves are
// synchronous on purpose: an instance is recorded as `sending` on disk before its request can leave.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ReportFile } from "./types.js";

export class ReportLockedError extends Error {
  override get name(): string {
    return "ReportLockedError";
  }
}

export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One command at a time per report: `<report>.lock` holds the owner's pid. A lock left by a process
 * that no longer runs (kill -9) is taken over.
 */
export function lockReport(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lock, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new ReportLockedError(
          `report file ${path} is in use by process ${owner} (remove ${lock} if that is wrong)`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new ReportLockedError(`cannot lock report file ${path}`);
}

export class ReportStore {
  readonly path: string;
  readonly report: ReportFile;
  readonly #scrub: <T>(value: T) => T;
  #saves = 0;

  constructor(path: string, report: ReportFile, scrub: <T>(value: T) => T = (value) => value) {
    this.path = path;
    this.report = report;
    this.#scrub = scrub;
  }

  /** Writes the report now (atomically). */
  save(): void {
    this.report.updatedAt = new Date().toISOString();
    writeFileAtomic(this.path, `${JSON.stringify(this.#scrub(this.report), null, 2)}\n`);
    this.#saves++;
  }

  get saves(): number {
    return this.#saves;
  }
}
