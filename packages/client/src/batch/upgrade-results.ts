// GeminiDB and DDS answer 202 with one `upgrade_results` entry per instance: a job id, or an error.
// Only those two readings are trusted. An entry with neither (or a job id that is not a string) says
// nothing about whether a job started, so it is `failed` with mayHaveReachedServer: calling it
// `rejected` would invite a resend that could upgrade the instance twice.
import type { FailedOutcome } from "./report.js";
import type { AcceptedOutcome } from "./run-batches.js";

export interface JobDetails {
  /** The job to follow (GeminiDB `ListJobs`, DDS `ShowJobDetail`). */
  jobId: string;
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

export function acceptUpgradeResults(
  chunk: readonly string[],
  data: unknown,
  response: Response,
  notes: string[],
  unusable: (instanceId: string, why: string) => FailedOutcome,
): Map<string, AcceptedOutcome<JobDetails>> {
  const requestId = response.headers.get("X-Request-Id") ?? undefined;
  const from = `the response ${requestId ? `${requestId} ` : ""}`;
  const wanted = new Set(chunk);
  const outcomes = new Map<string, AcceptedOutcome<JobDetails>>();
  const results = (data as { upgrade_results?: unknown } | null)?.upgrade_results;
  if (!Array.isArray(results)) {
    notes.push(`${from}has no upgrade_results list; its instances are failed (the server may have acted on them)`);
    return outcomes;
  }
  for (const result of results as unknown[]) {
    const entry = (result !== null && typeof result === "object" ? result : {}) as Record<string, unknown>;
    const instanceId = entry.instance_id;
    if (typeof instanceId !== "string" || !wanted.has(instanceId)) {
      notes.push(`${from}listed instance ${String(instanceId)}, which was not in its request; ignored`);
      continue;
    }
    if (outcomes.has(instanceId)) {
      notes.push(`${from}listed instance ${instanceId} twice; the first result was kept`);
      continue;
    }
    const { job_id: jobId, error_code: errorCode, error_message: errorMessage } = entry;
    if (isText(jobId)) {
      if (errorCode !== undefined)
        notes.push(
          `${from}gave instance ${instanceId} both job ${jobId} and error ${String(errorCode)}; it is counted as submitted (follow the job)`,
        );
      outcomes.set(instanceId, { status: "submitted", instanceId, jobId, requestId });
    } else if (jobId === undefined && isText(errorCode)) {
      outcomes.set(instanceId, {
        status: "rejected",
        instanceId,
        scope: "instance",
        errorCode,
        errorMessage: typeof errorMessage === "string" ? errorMessage : undefined,
        httpStatus: response.status,
        requestId,
      });
    } else {
      const why =
        jobId === undefined
          ? "neither a job id nor an error code"
          : `a job id that is not a usable string (${JSON.stringify(jobId)})`;
      outcomes.set(instanceId, unusable(instanceId, `but the result for instance ${instanceId} has ${why}`));
    }
  }
  return outcomes;
}
