// Reads the error fields out of an error response body. The services answer `{error_code, error_msg}`,
// the API Gateway adds `request_id`; the official SDKs also accept `code`/`message` and
// `errorCode`/`errorMsg`, possibly one level down, so this does too.
import { DbUpgradeApiError, type ApiErrorDetails, type OperationRef } from "./errors.js";
import { boundedText, type Redactor } from "./redact.js";

// A non-JSON body is quoted in part; the error redacts and bounds it again (see errors.ts).
const MAX_TEXT_BODY = 200;

function pick(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

const CODE_KEYS = ["error_code", "errorCode", "code"] as const;
const MESSAGE_KEYS = ["error_msg", "errorMsg", "message", "error_message"] as const;

export function errorDetails(body: unknown, response: Response): ApiErrorDetails {
  const headerRequestId = response.headers.get("X-Request-Id") ?? undefined;
  let errorCode: string | undefined;
  let errorMsg: string | undefined;
  let requestId: string | undefined;
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const candidates = [
      body as Record<string, unknown>,
      ...Object.values(body).filter(
        (v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v),
      ),
    ];
    for (const record of candidates) {
      errorCode ??= pick(record, CODE_KEYS);
      errorMsg ??= pick(record, MESSAGE_KEYS);
      requestId ??= pick(record, ["request_id"]);
    }
  } else if (typeof body === "string" && body.length > 0) {
    // The whole text: it is redacted before it is cut (apiErrorFromResponse), so a secret that
    // straddles the cut is never half-kept.
    errorMsg = body;
  }
  return { status: response.status, errorCode, errorMsg, requestId: headerRequestId ?? requestId };
}

export function apiErrorFromResponse(
  body: unknown,
  response: Response,
  operation: OperationRef,
  redact: Redactor,
): DbUpgradeApiError {
  const details = errorDetails(body, response);
  // A non-JSON body (a proxy's HTML page) is quoted in part only.
  if (typeof body === "string" && details.errorMsg !== undefined)
    details.errorMsg = boundedText(details.errorMsg, redact, MAX_TEXT_BODY);
  return new DbUpgradeApiError(details, operation, { redact, response });
}
