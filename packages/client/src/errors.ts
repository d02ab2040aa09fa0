// Errors thrown by the clients. They carry what a caller needs to act (status, error code, request id,
// whether the request may have reached the server) and never a secret: every text is redacted before it
// is stored, the failed request (which holds the auth headers) is never kept, and a low-level `cause` is
// replaced by a redacted copy.
import type { ApiName } from "@dbupgrade/meta";
import { boundedText, redactAuthHeaders, redactedResponse, type Redactor } from "./redact.js";

/** Which operation failed. */
export interface OperationRef {
  api: ApiName;
  operationId: string;
}

interface DbUpgradeErrorOptions {
  mayHaveReachedServer: boolean;
  cause?: unknown;
  redact?: Redactor;
}

// Enough to show how a failure came about; deeper chains are cut to keep errors small and bounded.
const MAX_CAUSE_DEPTH = 4;

/** Longest message, `errorMsg` and stack an error keeps; server texts beyond are cut (and say so). */
export const MAX_ERROR_TEXT = 2000;
/** Longest `errorCode` / `requestId` kept: real ones are a few dozen characters. */
const MAX_ERROR_FIELD = 200;

/** A redacted stand-in for a low-level error (a fetch `TypeError`, a `DOMException`, ...). */
export class RedactedCause extends Error {
  /** The original error's `code` (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...), when it had one. */
  readonly code: string | undefined;
  readonly #name: string;

  constructor(original: unknown, redact: Redactor, depth = 0) {
    const source = original instanceof Error ? original : undefined;
    const message = boundedText(source ? source.message : String(original), redact, MAX_ERROR_TEXT);
    const next =
      source?.cause !== undefined && depth + 1 < MAX_CAUSE_DEPTH
        ? new RedactedCause(source.cause, redact, depth + 1)
        : undefined;
    super(message, next === undefined ? undefined : { cause: next });
    this.#name = source?.name ?? typeof original;
    const code = (source as { code?: unknown } | undefined)?.code;
    this.code = typeof code === "string" || typeof code === "number" ? String(code) : undefined;
    this.stack =
      source?.stack === undefined ? `${this.#name}: ${message}` : boundedText(source.stack, redact, 2 * MAX_ERROR_TEXT);
  }

  override get name(): string {
    return this.#name;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      ...(this.code === undefined ? {} : { code: this.code }),
      ...(this.cause instanceof RedactedCause ? { cause: this.cause.toJSON() } : {}),
    };
  }
}

/** Base class of every error the clients throw. */
export class DbUpgradeError extends Error {
  readonly api: ApiName;
  readonly operationId: string;
  /**
   * `false` only when the request surely never left this process or was refused before any byte was
   * sent (connection refused, DNS failure, aborted before sending). `true` means the server may have
   * acted on it: do not blindly resend a non-idempotent call.
   */
  readonly mayHaveReachedServer: boolean;

  constructor(message: string, operation: OperationRef, options: DbUpgradeErrorOptions) {
    const redact = options.redact ?? redactAuthHeaders;
    const cause = options.cause === undefined ? undefined : new RedactedCause(options.cause, redact);
    super(boundedText(message, redact, 2 * MAX_ERROR_TEXT), cause === undefined ? undefined : { cause });
    this.api = operation.api;
    this.operationId = operation.operationId;
    this.mayHaveReachedServer = options.mayHaveReachedServer;
  }

  override get name(): string {
    return "DbUpgradeError";
  }

  toJSON(): Record<string, unknown> {
    const own: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) own[key] = value;
    if (this.cause instanceof RedactedCause) own.cause = this.cause.toJSON();
    return own;
  }
}

/** Fields of an error body, whichever of the documented shapes the server used. */
export interface ApiErrorDetails {
  status: number;
  /** `error_code` of the body, e.g. `DBS.200001` (service) or `APIGW.0301` (gateway). */
  errorCode: string | undefined;
  /** `error_msg` of the body (redacted). */
  errorMsg: string | undefined;
  /** The `X-Request-Id` response header, or the gateway body's `request_id`. */
  requestId: string | undefined;
}

/** The server answered with an error status (or with a success status and an unusable body). */
export class DbUpgradeApiError extends DbUpgradeError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMsg: string | undefined;
  readonly requestId: string | undefined;
  /**
   * The HTTP response's status and headers, as a redacted copy (credential headers and secrets in
   * header values replaced; no body). Not enumerable, so it stays out of logs.
   */
  declare readonly response: Response | undefined;

  constructor(
    details: ApiErrorDetails,
    operation: OperationRef,
    options: Omit<DbUpgradeErrorOptions, "mayHaveReachedServer"> & { response?: Response; reason?: string },
  ) {
    const redact = options.redact ?? redactAuthHeaders;
    const field = (text: string | undefined) =>
      text === undefined ? undefined : boundedText(text, redact, MAX_ERROR_FIELD);
    const errorMsg = details.errorMsg === undefined ? undefined : boundedText(details.errorMsg, redact, MAX_ERROR_TEXT);
    const errorCode = field(details.errorCode);
    const requestId = field(details.requestId);
    const what = options.reason ?? [errorCode, errorMsg].filter(Boolean).join(": ");
    const request = requestId ? ` (request id ${requestId})` : "";
    super(
      `${operation.api}.${operation.operationId} failed with HTTP ${details.status}${what ? ` ${what}` : ""}${request}`,
      operation,
      {
        ...options,
        mayHaveReachedServer: true,
      },
    );
    this.status = details.status;
    this.errorCode = errorCode;
    this.errorMsg = errorMsg;
    this.requestId = requestId;
    const response = options.response === undefined ? undefined : redactedResponse(options.response, redact);
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }

  override get name(): string {
    return "DbUpgradeApiError";
  }
}

/** The request did not complete: connection refused or reset, DNS failure, TLS error, ... */
export class DbUpgradeNetworkError extends DbUpgradeError {
  /** The low-level error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, ...), when there is one. */
  readonly code: string | undefined;

  constructor(
    message: string,
    operation: OperationRef,
    options: DbUpgradeErrorOptions & { code?: string | undefined },
  ) {
    super(message, operation, options);
    this.code = options.code;
  }

  override get name(): string {
    return "DbUpgradeNetworkError";
  }
}

/** The call took longer than `timeoutMs`. */
export class DbUpgradeTimeoutError extends DbUpgradeError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, operation: OperationRef, options: DbUpgradeErrorOptions) {
    super(`${operation.api}.${operation.operationId} timed out after ${timeoutMs} ms`, operation, options);
    this.timeoutMs = timeoutMs;
  }

  override get name(): string {
    return "DbUpgradeTimeoutError";
  }
}

/** The caller's `signal` aborted the call. */
export class DbUpgradeAbortError extends DbUpgradeError {
  constructor(operation: OperationRef, options: DbUpgradeErrorOptions) {
    const when = options.mayHaveReachedServer ? "after it was sent" : "before it was sent";
    super(`${operation.api}.${operation.operationId} was aborted ${when}`, operation, options);
  }

  override get name(): string {
    return "DbUpgradeAbortError";
  }
}
