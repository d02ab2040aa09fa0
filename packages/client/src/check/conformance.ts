// Holds every answer of a crawl to the spec with the same validator the mocks and contract tests use
// (@dbupgrade/specs/validation): documented status, body schema, documented headers (X-Request-Id).
// Two validators: the specs' own (open objects accept unknown fields) finds type and shape
// mismatches; a closed copy of it names the fields the specs do not document, so they can be added.
import type { ApiName } from "@dbupgrade/meta";
import { createSpecValidator, type SpecValidator, type ValidationIssue } from "@dbupgrade/specs/validation";
import { crawlService, type CheckClient, type CrawlOptions, type Exchange, type NotExercised } from "./crawl.js";
import { readOperations, type ReadOperation } from "./read-operations.js";

export type OperationOutcome = "conforms" | "differs" | "refused" | "error" | "not-exercised";

export interface UnknownEnumValue {
  location: string;
  value: unknown;
  message: string;
}

export interface CallError {
  status?: number;
  errorCode?: string;
  message: string;
  /** What to do about it: for 401 the credentials, for 403 the IAM action to grant. */
  explanation: string;
}

export interface OperationCheck {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  outcome: OperationOutcome;
  calls: number;
  /** Distinct statuses answered. */
  statuses: number[];
  /** Fields the specs do not document (allowed by open objects), by location with `[]` for any index. */
  unknownFields: string[];
  /** Values outside a documented enum. */
  unknownEnumValues: UnknownEnumValue[];
  /** Type and shape mismatches, missing required fields and headers, undocumented statuses. */
  mismatches: ValidationIssue[];
  errors: CallError[];
  /** The IAM action the spec names for the operation (what a 403 means is missing). */
  iamAction: string | null;
  /** Why it was not called. */
  reason?: string;
}

export interface ServiceCheck {
  api: ApiName;
  operations: OperationCheck[];
}

let open: SpecValidator | undefined;
let closed: SpecValidator | undefined;
const validators = () => {
  open ??= createSpecValidator();
  closed ??= createSpecValidator({ documentedFieldsOnly: true });
  return { open, closed };
};

/** `body.instances[3].status` -> `body.instances[].status`: one entry for a field however many rows have it. */
const anyIndex = (location: string) => location.replace(/\[\d+\]/g, "[]");

function valueAt(root: unknown, location: string): unknown {
  const steps = location
    .replace(/^body\.?/, "")
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== "");
  let node: unknown = root;
  for (const step of steps) node = (node as Record<string, unknown> | undefined)?.[step];
  return node;
}

function explain(op: ReadOperation, status: number | undefined): string {
  if (status === 401)
    return "the credentials were refused: a wrong or disabled AK/SK, an expired token, a project id of another account, or a clock more than 15 minutes off";
  if (status === 403) {
    if (op.iamAction === null)
      return `the IAM user may call nothing of ${op.api}.${op.operationId}: the spec names no IAM action for it; see the service's permissions page`;
    const aliases = op.iamAliases.length ? ` (or an alias: ${op.iamAliases.join(", ")})` : "";
    return `the IAM user lacks the permission: grant IAM action ${op.iamAction}${aliases}`;
  }
  if (status === undefined) return "no answer: network, timeout or an unreadable body";
  if (status >= 500) return "the service failed; try again later";
  return "the service refused the request";
}

function errorOf(op: ReadOperation, exchange: Exchange): CallError {
  const body = exchange.body as { error_code?: unknown; error_msg?: unknown; errorCode?: unknown } | undefined;
  const code = body?.error_code ?? body?.errorCode;
  const message = typeof body?.error_msg === "string" ? body.error_msg : (exchange.failure ?? "");
  return {
    ...(exchange.status !== undefined ? { status: exchange.status } : {}),
    ...(typeof code === "string" ? { errorCode: code } : {}),
    message,
    explanation: explain(op, exchange.status),
  };
}

function checkOperation(op: ReadOperation, exchanges: Exchange[], skipped?: NotExercised): OperationCheck {
  const check: OperationCheck = {
    api: op.api,
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    outcome: "conforms",
    calls: exchanges.length,
    statuses: [...new Set(exchanges.flatMap((e) => (e.status === undefined ? [] : [e.status])))],
    unknownFields: [],
    unknownEnumValues: [],
    mismatches: [],
    errors: [],
    iamAction: op.iamAction,
  };
  if (exchanges.length === 0) {
    check.outcome = "not-exercised";
    check.reason = skipped?.reason ?? "not called";
    return check;
  }
  const { open, closed } = validators();
  const seen = new Set<string>();
  for (const exchange of exchanges) {
    if (exchange.status === undefined || exchange.status >= 400) check.errors.push(errorOf(op, exchange));
    if (exchange.status === undefined) continue;
    const headers = exchange.headers ?? {};
    const documented = open.validateResponse(op.api, op.operationId, exchange.status, exchange.body, headers);
    const known = new Set(documented.issues.map((i) => i.location));
    for (const issue of documented.issues) {
      const key = `${anyIndex(issue.location)} ${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (issue.message.startsWith("must be one of")) {
        const value = valueAt(exchange.body, issue.location);
        check.unknownEnumValues.push({ location: anyIndex(issue.location), value, message: issue.message });
      } else check.mismatches.push({ location: anyIndex(issue.location), message: issue.message });
    }
    const strict = closed.validateResponse(op.api, op.operationId, exchange.status, exchange.body);
    for (const issue of strict.issues) {
      if (issue.message !== "is not a documented field" || known.has(issue.location)) continue;
      const location = anyIndex(issue.location);
      if (!check.unknownFields.includes(location)) check.unknownFields.push(location);
    }
  }
  const refused = exchanges.some((e) => e.status === 401 || e.status === 403);
  const differs = check.unknownFields.length + check.unknownEnumValues.length + check.mismatches.length > 0;
  check.outcome = refused ? "refused" : check.errors.length > 0 ? "error" : differs ? "differs" : "conforms";
  return check;
}

/** Validates the exchanges of one service's crawl, one entry per read-only operation. */
export function evaluateExchanges(
  api: ApiName,
  exchanges: readonly Exchange[],
  notExercised: readonly NotExercised[] = [],
): ServiceCheck {
  return {
    api,
    operations: readOperations(api).map((op) =>
      checkOperation(
        op,
        exchanges.filter((e) => e.operationId === op.operationId),
        notExercised.find((n) => n.operationId === op.operationId),
      ),
    ),
  };
}

/**
 * Calls every read-only operation of the client's service (see `crawlService`) and validates every
 * answer against the spec. Never sends a write.
 */
export async function checkService(client: CheckClient, options: CrawlOptions = {}): Promise<ServiceCheck> {
  const crawl = await crawlService(client, options);
  return evaluateExchanges(crawl.api, crawl.exchanges, crawl.notExercised);
}

/** 0 when every called operation conforms, 4 when credentials or permissions were refused, else 1. */
export function checkExitCode(checks: readonly ServiceCheck[]): 0 | 1 | 4 {
  const outcomes = checks.flatMap((c) => c.operations.map((o) => o.outcome));
  if (outcomes.includes("refused")) return 4;
  return outcomes.some((o) => o === "differs" || o === "error") ? 1 : 0;
}
