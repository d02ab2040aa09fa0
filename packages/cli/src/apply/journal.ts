// Turning the client's batch events into report records. `sending` is written (and saved to disk)
// before a request leaves; the answer replaces it. What a record says is only what the client said.
import type { BatchOutcome } from "@dbupgrade/client";
import type { InstanceRecord, Submission } from "../report/types.js";

/** The client's outcome as plain JSON (its error becomes the error's redacted toJSON()). */
export function outcomeJson(outcome: BatchOutcome): Record<string, unknown> {
  return JSON.parse(JSON.stringify(outcome)) as Record<string, unknown>;
}

export function markSending(record: InstanceRecord, at: string, attempts: number): void {
  record.submission = { status: "sending", at, attempts };
}

/**
 * The record after an answer. `before` is the record's submission when this run started: a skipped
 * outcome (never handed over in this run) leaves it as it was, so an instance that may have reached
 * the server in an earlier run stays that way.
 */
export function submissionOf(
  outcome: BatchOutcome,
  before: Submission | undefined,
  attempts: number,
  at: string,
): Submission {
  if (outcome.status === "skipped") return before ?? { status: "skipped", at, attempts };
  const base = { at, attempts };
  switch (outcome.status) {
    case "submitted": {
      const details = outcome as { jobId?: unknown; taskId?: unknown };
      return {
        status: "submitted",
        ...base,
        ...(typeof details.jobId === "string" ? { jobId: details.jobId } : {}),
        ...(typeof details.taskId === "string" ? { taskId: details.taskId } : {}),
        ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
        outcome: outcomeJson(outcome),
      };
    }
    case "rejected":
      return {
        status: "rejected",
        ...base,
        httpStatus: outcome.httpStatus,
        ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
        ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage } : {}),
        ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
      };
    case "failed":
      return {
        status: "failed",
        ...base,
        mayHaveReachedServer: outcome.mayHaveReachedServer,
        errorMessage: outcome.error.message,
      };
  }
}

/** HTTP 401/403: the credentials (or their rights) are the problem, and every further request would fail alike. */
export function isAuthRefusal(outcome: BatchOutcome): boolean {
  return outcome.status === "rejected" && (outcome.httpStatus === 401 || outcome.httpStatus === 403);
}
