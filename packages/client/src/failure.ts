// Turns whatever a failed call threw into one of the client's errors, deciding honestly whether the
// request may have reached the server. Only failures that happen before a connection exists count as
// "surely not sent"; anything later (reset, timeout, a browser's opaque "Failed to fetch") might have
// been processed.
import {
  DbUpgradeAbortError,
  DbUpgradeApiError,
  DbUpgradeError,
  DbUpgradeNetworkError,
  DbUpgradeTimeoutError,
  type OperationRef,
} from "./errors.js";
import type { Redactor } from "./redact.js";

// Errors raised while resolving the host or opening the connection: no request byte was written.
const CONNECT_PHASE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The first low-level error code found along the cause chain (including AggregateError members). */
export function lowLevelCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const members = (current as { errors?: unknown }).errors;
    if (Array.isArray(members)) {
      for (const member of members) {
        const inner = (member as { code?: unknown } | null)?.code;
        if (typeof inner === "string") return inner;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isConnectPhaseCode(code: string | undefined): boolean {
  return code !== undefined && CONNECT_PHASE_CODES.has(code);
}

/** What the call had got to when it failed. */
export interface CallProgress {
  /** The request was handed to `fetch`. */
  sent: boolean;
  /** Response headers arrived. */
  response: Response | undefined;
}

export interface FailureContext {
  operation: OperationRef;
  progress: CallProgress;
  timedOut: boolean;
  timeoutMs: number;
  abortedByCaller: boolean;
  redact: Redactor;
}

export function classifyFailure(error: unknown, context: FailureContext): DbUpgradeError {
  const { operation, progress, redact } = context;
  if (error instanceof DbUpgradeError) return error;
  if (context.timedOut) {
    return new DbUpgradeTimeoutError(context.timeoutMs, operation, {
      mayHaveReachedServer: progress.sent,
      cause: error,
      redact,
    });
  }
  if (context.abortedByCaller) {
    return new DbUpgradeAbortError(operation, { mayHaveReachedServer: progress.sent, cause: error, redact });
  }
  const name = `${operation.api}.${operation.operationId}`;
  const response = progress.response;
  if (response !== undefined) {
    if (error instanceof SyntaxError) {
      return new DbUpgradeApiError(
        {
          status: response.status,
          errorCode: undefined,
          errorMsg: undefined,
          requestId: response.headers.get("X-Request-Id") ?? undefined,
        },
        operation,
        { cause: error, redact, response, reason: "and a body that is not valid JSON" },
      );
    }
    return new DbUpgradeNetworkError(`${name}: the response body could not be read`, operation, {
      mayHaveReachedServer: true,
      code: lowLevelCode(error),
      cause: error,
      redact,
    });
  }
  if (!progress.sent) {
    return new DbUpgradeError(`${name}: the request could not be built or signed`, operation, {
      mayHaveReachedServer: false,
      cause: error,
      redact,
    });
  }
  const code = lowLevelCode(error);
  const notSent = isConnectPhaseCode(code);
  return new DbUpgradeNetworkError(`${name}: the request failed${code ? ` (${code})` : ""}`, operation, {
    mayHaveReachedServer: !notSent,
    code,
    cause: error,
    redact,
  });
}
