// What the specs declare about following an upgrade (`x-dbupgrade-follow`, generated into @dbupgrade/meta):
// the rows, the status field and the outcome of each of its words, the fields that carry progress, failure,
// start and version, how a row is matched. Pollers read rows through this; they keep only what a spec
// cannot say (paging, which of the service's operations to call, clock-skew margins).
import type { ApiName } from "@dbupgrade/meta";
import type { Observation } from "./follow-engine.js";
import { parseApiTime, text } from "./job-status.js";

/** The generated `follow` of one operation, as plain data. */
export interface FollowDeclaration {
  follows: string;
  when: Readonly<Record<string, unknown>> | null;
  rows: string | null;
  row: string | null;
  status: {
    field: string;
    values: readonly string[];
    pending: readonly string[];
    completed: readonly string[];
    failed: readonly string[];
    cancelled: readonly string[];
  };
  match: {
    by: string;
    jobIdField: string | null;
    jobIdQuery: string | null;
    instanceField: string | null;
    instanceQuery: string | null;
    createdField: string | null;
  };
  filter: Readonly<Record<string, string>>;
  fields: {
    progress: string | null;
    failReason: string | null;
    startsAt: string | null;
    endedAt: string | null;
    version: string | null;
  };
  createdAfterQuery: string | null;
  notFoundStatus: number | null;
  visibilityDelay: string | null;
}

/**
 * The declaration on `operationId` of one API's metadata (passed in, so a bundle holds only the services
 * it follows); throws when the spec declares none (a generator/spec bug).
 */
export function followDeclaration(
  meta: { readonly api: ApiName; readonly operations: object },
  operationId: string,
): FollowDeclaration {
  const operation = (meta.operations as Record<string, { follow?: unknown }>)[operationId];
  if (operation?.follow == null) throw new Error(`${meta.api}.${operationId} declares no x-dbupgrade-follow`);
  return operation.follow as FollowDeclaration;
}

/**
 * The outcome of a status word as the spec declares it, compared without case (a server that changes
 * the case of a word does not make a job run forever). A word outside the declared outcomes means the job
 * exists and has not ended.
 */
export function stateOfStatus(declaration: FollowDeclaration, status: unknown): Observation["state"] {
  if (typeof status !== "string") return "running";
  const word = status.toLowerCase();
  const is = (words: readonly string[]): boolean => words.some((w) => w.toLowerCase() === word);
  const { completed, failed, cancelled, pending } = declaration.status;
  if (is(completed)) return "completed";
  if (is(failed)) return "failed";
  if (is(cancelled)) return "cancelled";
  if (is(pending)) return "pending";
  return "running";
}

type Row = Record<string, unknown>;

/** What one row says, read through the declared fields. */
export function observeRow(declaration: FollowDeclaration, row: Row): Observation {
  const { status, fields, match } = declaration;
  const value = (field: string | null): unknown => (field === null ? undefined : row[field]);
  const startsAt = parseApiTime(value(fields.startsAt));
  const state = stateOfStatus(declaration, row[status.field]);
  const { createdAt } = rowKeys(declaration, row);
  const endedAt = parseApiTime(value(fields.endedAt));
  return {
    state,
    serverStatus: text(row[status.field]) ?? String(row[status.field]),
    jobId: text(value(match.jobIdField)),
    progress: text(value(fields.progress)),
    failReason: text(value(fields.failReason)),
    // The version an instance ends on is only known once the job completed.
    version: state === "completed" ? text(value(fields.version)) : undefined,
    startsAt: Number.isNaN(startsAt) ? undefined : startsAt,
    createdAt: Number.isNaN(createdAt) ? undefined : createdAt,
    endedAt: Number.isNaN(endedAt) ? undefined : endedAt,
  };
}

/** The rows of an answer (its declared list, or its one row), objects only. */
export function rowsOf(declaration: FollowDeclaration, body: unknown): Row[] {
  const data = (body ?? {}) as Row;
  const raw = declaration.rows !== null ? data[declaration.rows] : [data[declaration.row ?? ""]];
  return (Array.isArray(raw) ? (raw as unknown[]) : []).filter(
    (r): r is Row => r !== null && typeof r === "object" && !Array.isArray(r),
  );
}

/** The row's instance, job id and creation time through the declared match fields. */
export function rowKeys(declaration: FollowDeclaration, row: Row) {
  const { instanceField, jobIdField, createdField } = declaration.match;
  return {
    instanceId: instanceField === null ? undefined : text(row[instanceField]),
    jobId: jobIdField === null ? undefined : text(row[jobIdField]),
    createdAt: createdField === null ? Number.NaN : parseApiTime(row[createdField]),
  };
}
