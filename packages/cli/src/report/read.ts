// Reading a report file back, trusting nothing in it: a file edited by hand, truncated or written by
// something else gets one clear error, not a crash halfway through a resume.
import { readFileSync } from "node:fs";
import { REPORT_FORMAT, type InstanceRecord, type ReportFile } from "./types.js";
import { rolloutProblem } from "./rollout-read.js";

export class ReportFileError extends Error {
  override get name(): string {
    return "ReportFileError";
  }
}

const submissionStatuses = new Set(["sending", "submitted", "rejected", "failed", "skipped"]);
const jobStates = new Set(["pending", "running", "completed", "failed", "cancelled", "unknown"]);
const phases = new Set(["planned", "submitting", "submitted", "following", "done"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const optionalString = (value: unknown): boolean => value === undefined || typeof value === "string";

function checkInstance(value: unknown, index: number, seen: Set<string>): string | undefined {
  const where = `instances[${index}]`;
  if (!isObject(value)) return `${where} is not an object`;
  if (typeof value.instanceId !== "string" || value.instanceId === "")
    return `${where}.instanceId must be a non-empty string`;
  if (seen.has(value.instanceId)) return `instance ${value.instanceId} is listed twice`;
  seen.add(value.instanceId);
  if (typeof value.eligible !== "boolean") return `${where}.eligible must be true or false`;
  for (const key of ["name", "fromVersion", "toVersion", "reason"])
    if (!optionalString(value[key])) return `${where}.${key} must be a string`;
  const submission = value.submission;
  if (submission !== undefined) {
    if (!isObject(submission) || !submissionStatuses.has(submission.status as string))
      return `${where}.submission.status is not one of ${[...submissionStatuses].join(", ")}`;
    if (typeof submission.at !== "string" || !Number.isInteger(submission.attempts))
      return `${where}.submission needs at and attempts`;
    for (const key of ["jobId", "taskId", "requestId", "errorCode", "errorMessage"])
      if (!optionalString(submission[key])) return `${where}.submission.${key} must be a string`;
    if (submission.mayHaveReachedServer !== undefined && typeof submission.mayHaveReachedServer !== "boolean")
      return `${where}.submission.mayHaveReachedServer must be true or false`;
  }
  const job = value.job;
  if (
    job !== undefined &&
    (!isObject(job) ||
      !jobStates.has(job.state as string) ||
      typeof job.at !== "string" ||
      typeof job.final !== "boolean")
  ) {
    return `${where}.job needs a state (${[...jobStates].join(", ")}), final and at`;
  }
  return undefined;
}

/** Checks that a parsed value is a report this version understands; returns it typed. */
export function parseReport(value: unknown, source = "report"): ReportFile {
  const fail = (why: string): never => {
    throw new ReportFileError(`${source} is not a usable dbupgrade report: ${why}`);
  };
  if (!isObject(value)) return fail("not a JSON object");
  if (value.format !== REPORT_FORMAT)
    return fail(`format is ${JSON.stringify(value.format)}, expected ${JSON.stringify(REPORT_FORMAT)}`);
  if (typeof value.service !== "string") fail("service is missing");
  if (!isObject(value.target) || typeof value.target.projectId !== "string") fail("target.projectId is missing");
  if (!isObject(value.options)) fail("options is missing");
  if (!phases.has(value.phase as string)) fail(`phase is not one of ${[...phases].join(", ")}`);
  if (!Array.isArray(value.instances)) return fail("instances is not a list");
  if (!Array.isArray(value.notes) || !Array.isArray(value.runs)) fail("notes or runs is missing");
  const seen = new Set<string>();
  (value.instances as unknown[]).forEach((instance, index) => {
    const problem = checkInstance(instance, index, seen);
    if (problem !== undefined) fail(problem);
  });
  const rollout = rolloutProblem(value.rollout, seen);
  if (rollout !== undefined) fail(rollout);
  return value as unknown as ReportFile;
}

/** Reads and checks a report file. Throws ReportFileError with one clear line. */
export function readReport(path: string): ReportFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportFileError(
      `cannot read report file ${path}: ${code === "ENOENT" ? "no such file" : (code ?? (error as Error).message)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReportFileError(`report file ${path} is not valid JSON`);
  }
  return parseReport(parsed, `report file ${path}`);
}

export type { InstanceRecord };
