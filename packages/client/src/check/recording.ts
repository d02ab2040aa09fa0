// `record` and `check --report`: the answers of the read-only operations and the check's findings,
// redacted with one placeholder map per file set (see placeholders.ts), in a plain JSON format that
// names HTTP operations, not any SDK's classes. The format is documented in the client README.
import type { ApiName } from "@dbupgrade/meta";
import type { OperationCheck, ServiceCheck } from "./conformance.js";
import type { Exchange, ExchangeRequest, NotExercised } from "./crawl.js";
import { createRedactor, type Redactor, type RedactorOptions } from "./placeholders.js";

export const RECORDING_FORMAT = "dbupgrade-recording/1";
export const CHECK_REPORT_FORMAT = "dbupgrade-check-report/1";

/** One recorded call: the operation, what was sent (besides project_id and auth) and the answer. */
export interface RecordedExchange {
  operationId: string;
  method: "GET" | "POST";
  /** The spec's path template, e.g. `/v3/{project_id}/instances`. */
  path: string;
  request: ExchangeRequest;
  status?: number;
  body?: unknown;
  requestId?: string;
  failure?: string;
}

export interface RecordingManifest {
  format: typeof RECORDING_FORMAT;
  /** When the recording was made (ISO 8601, UTC). */
  recordedAt: string;
  /** The region called, or null for a custom endpoint (a proxy or a mock). */
  region: string | null;
  services: ApiName[];
  operations: { api: ApiName; operationId: string; method: string; path: string; calls: number; statuses: number[] }[];
  notExercised: NotExercised[];
  /** What was replaced by placeholders. */
  redaction: { ids: "placeholders"; names: "placeholders" | "kept"; ips: "placeholders"; secrets: "removed" };
  /** `<api>.json` per service: an array of RecordedExchange. */
  files: Record<string, string>;
}

export interface Recording {
  manifest: RecordingManifest;
  answers: Partial<Record<ApiName, RecordedExchange[]>>;
}

export interface RecordingOptions extends RedactorOptions {
  region?: string | null;
  recordedAt?: Date;
}

function recorded(exchange: Exchange): RecordedExchange {
  return {
    operationId: exchange.operationId,
    method: exchange.method,
    path: exchange.path,
    request: exchange.request,
    ...(exchange.status !== undefined ? { status: exchange.status } : {}),
    ...(exchange.body !== undefined ? { body: exchange.body } : {}),
    ...(exchange.requestId !== undefined ? { requestId: exchange.requestId } : {}),
    ...(exchange.failure !== undefined ? { failure: exchange.failure } : {}),
  };
}

/** A redacted recording of crawls (one per service). The same id gets the same placeholder across services. */
export function toRecording(
  crawls: readonly { api: ApiName; exchanges: readonly Exchange[]; notExercised: readonly NotExercised[] }[],
  options: RecordingOptions = {},
): Recording {
  const redactor = createRedactor(options);
  const answers: Partial<Record<ApiName, RecordedExchange[]>> = {};
  for (const crawl of crawls) answers[crawl.api] = redactor.redact(crawl.exchanges.map(recorded));
  const operations = crawls.flatMap((crawl) => {
    const byOperation = new Map<string, Exchange[]>();
    for (const e of crawl.exchanges) byOperation.set(e.operationId, [...(byOperation.get(e.operationId) ?? []), e]);
    return [...byOperation].map(([operationId, calls]) => ({
      api: crawl.api,
      operationId,
      method: calls[0]!.method,
      path: calls[0]!.path,
      calls: calls.length,
      statuses: [...new Set(calls.flatMap((c) => (c.status === undefined ? [] : [c.status])))],
    }));
  });
  return {
    manifest: {
      format: RECORDING_FORMAT,
      recordedAt: (options.recordedAt ?? new Date()).toISOString(),
      region: options.region ?? null,
      services: crawls.map((c) => c.api),
      operations,
      notExercised: redactor.redact(crawls.flatMap((c) => c.notExercised)),
      redaction: {
        ids: "placeholders",
        names: options.keepNames ? "kept" : "placeholders",
        ips: "placeholders",
        secrets: "removed",
      },
      files: Object.fromEntries(crawls.map((c) => [c.api, `${c.api}.json`])),
    },
    answers,
  };
}

export interface CheckReport {
  format: typeof CHECK_REPORT_FORMAT;
  checkedAt: string;
  region: string | null;
  exitCode: 0 | 1 | 4;
  summary: Record<OperationCheck["outcome"], number>;
  services: ServiceCheck[];
}

/**
 * The check's findings as a file a user can attach to a bug: every id, name and address the crawl
 * saw (and the secrets given) replaced, in the findings' messages as well.
 */
export function toCheckReport(
  checks: readonly ServiceCheck[],
  exchanges: readonly Exchange[],
  exitCode: 0 | 1 | 4,
  options: RecordingOptions = {},
): CheckReport {
  const redactor: Redactor = createRedactor(options);
  // Seen first, so that the ids and names of the answers are known when the findings' texts are redacted.
  redactor.redact(exchanges.map(recorded));
  const summary = { conforms: 0, differs: 0, refused: 0, error: 0, "not-exercised": 0 };
  for (const check of checks) for (const op of check.operations) summary[op.outcome]++;
  return redactor.redact({
    format: CHECK_REPORT_FORMAT,
    checkedAt: (options.recordedAt ?? new Date()).toISOString(),
    region: options.region ?? null,
    exitCode,
    summary,
    services: [...checks],
  });
}
