// The report of a batch run: one outcome per distinct input instance, never more, never fewer.
import type { ApiName } from "@dbupgrade/meta";
import type { DbUpgradeError } from "../errors.js";

export type OutcomeStatus = "submitted" | "rejected" | "failed" | "skipped";

/** The API accepted the instance. `Details` holds what the API returns for it (a job or task id). */
export type SubmittedOutcome<Details = {}> = {
  status: "submitted";
  instanceId: string;
  requestId: string | undefined;
  /** When the accepted request was handed to fetch (ISO 8601, UTC): the follow APIs are searched from here. */
  submittedAt: string;
} & Details;

/** The API refused the instance: per instance (in a 202 body) or with the whole request (a 4xx answer). */
export interface RejectedOutcome {
  status: "rejected";
  instanceId: string;
  /** `instance`: this instance's own result said no; `request`: the request carrying it was refused. */
  scope: "instance" | "request";
  errorCode: string | undefined;
  errorMessage: string | undefined;
  httpStatus: number;
  requestId: string | undefined;
}

/** The request carrying the instance failed without a usable answer. */
export interface FailedOutcome {
  status: "failed";
  instanceId: string;
  /** `true` unless the request surely never reached the server: check before resending. */
  mayHaveReachedServer: boolean;
  error: DbUpgradeError;
  /** Requests made for this instance's chunk (more than 1 only with a retry policy). */
  attempts: number;
}

/** Never sent: the run was aborted before this instance's request left. */
export interface SkippedOutcome {
  status: "skipped";
  instanceId: string;
  reason: "aborted";
}

export type BatchOutcome<Details = {}, Extra = {}> = (
  | SubmittedOutcome<Details>
  | RejectedOutcome
  | FailedOutcome
  | SkippedOutcome
) &
  Extra;

export type OutcomeCounts = Record<OutcomeStatus, number>;

export interface DuplicateInstance {
  instanceId: string;
  /** How many times it appeared in the input (it was sent once). */
  occurrences: number;
}

export interface BatchReport<Outcome extends { status: OutcomeStatus; instanceId: string }> {
  api: ApiName;
  operationId: string;
  /** When the run started (ISO 8601, UTC). */
  startedAt: string;
  /** One per distinct instance, in input order. */
  outcomes: Outcome[];
  counts: OutcomeCounts;
  /** Instances in the input, duplicates included. */
  inputCount: number;
  duplicates: DuplicateInstance[];
  /** Things worth knowing that are not an outcome: duplicates, unexpected entries in responses. */
  notes: string[];
  /** Chunks the instances were split into (each at most `chunkSize`). */
  chunks: number;
  chunkSize: number;
  /** HTTP requests handed to fetch, retries included. */
  requests: number;
  /** The run's signal cut it short: some instances are `skipped`, or `failed` with an abort error. */
  aborted: boolean;
}

export interface BatchProgress<Outcome> {
  chunksDone: number;
  chunks: number;
  instancesDone: number;
  instances: number;
  counts: OutcomeCounts;
  /** Outcomes of the chunk that just finished. */
  latest: readonly Outcome[];
}
