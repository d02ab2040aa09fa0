// GeminiDB and DDS answer 202 with one `upgrade_results` entry per instance: a job id, or an error.
import type { AcceptedOutcome } from "./run-batches.js";

export interface JobDetails {
  /** The job to follow (GeminiDB `ListJobs`, DDS `ShowJobDetail`). */
  jobId: string;
}

interface UpgradeResult {
  instance_id: string;
  job_id?: string;
  error_code?: string;
  error_message?: string;
}

export function acceptUpgradeResults(
  chunk: readonly string[],
  data: { upgrade_results?: readonly UpgradeResult[] },
  response: Response,
  notes: string[],
): Map<string, AcceptedOutcome<JobDetails>> {
  const requestId = response.headers.get("X-Request-Id") ?? undefined;
  const wanted = new Set(chunk);
  const outcomes = new Map<string, AcceptedOutcome<JobDetails>>();
  for (const result of data.upgrade_results ?? []) {
    const instanceId = result.instance_id;
    if (!wanted.has(instanceId)) {
      notes.push(`the response ${requestId ? `${requestId} ` : ""}listed instance ${String(instanceId)}, which was not in its request; ignored`);
      continue;
    }
    if (outcomes.has(instanceId)) {
      notes.push(`the response ${requestId ? `${requestId} ` : ""}listed instance ${instanceId} twice; the first result was kept`);
      continue;
    }
    if (typeof result.job_id === "string" && result.job_id !== "") {
      outcomes.set(instanceId, { status: "submitted", instanceId, jobId: result.job_id, requestId });
    } else {
      outcomes.set(instanceId, {
        status: "rejected",
        instanceId,
        scope: "instance",
        errorCode: result.error_code,
        errorMessage: result.error_message,
        httpStatus: response.status,
        requestId,
      });
    }
  }
  return outcomes;
}
