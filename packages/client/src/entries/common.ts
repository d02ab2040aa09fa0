// What every per-service entry (`@dbupgrade/client/<api>`) shares with the root entry: options, errors,
// batch report and retry types, and the service-neutral follow helpers. Re-exports only: each entry
// stays a list, so it can point at the service's own folder when the code moves there.
export type {
  AkSkAuth,
  CallOptions,
  ClientAuth,
  ClientOptions,
  EndpointOption,
  FetchLike,
  LanguageCallOptions,
  TokenAuth,
} from "../options.js";
export { DEFAULT_TIMEOUT_MS } from "../options.js";
export type {
  Media,
  OperationData,
  OperationErrorBody,
  OperationMethods,
  OperationParams,
  OperationResponseBody,
  OperationResult,
  RequestBodyOf,
  ServiceClient,
  ServiceClientBase,
} from "../service-client.js";
export {
  DbUpgradeAbortError,
  DbUpgradeApiError,
  DbUpgradeError,
  DbUpgradeNetworkError,
  DbUpgradeTimeoutError,
  RedactedCause,
  type ApiErrorDetails,
  type OperationRef,
} from "../errors.js";
export { REDACTED } from "../redact.js";
export type { JobDetails } from "../batch/upgrade-results.js";
export { DEFAULT_CHUNK_SIZE, DEFAULT_CONCURRENCY, type BatchOptions } from "../batch/run-batches.js";
export type {
  BatchOutcome,
  BatchProgress,
  BatchReport,
  DuplicateInstance,
  FailedOutcome,
  OutcomeCounts,
  OutcomeStatus,
  RejectedOutcome,
  SkippedOutcome,
  SubmittedOutcome,
} from "../batch/report.js";
export { backoffDelay, isSafeToRetry, parseRetryAfter, retryDelay, type RetryPolicy } from "../batch/retry.js";
export {
  NOT_EXPOSED,
  type PlanBatch,
  type PlanReason,
  type PlanRow,
  type UpgradePlan,
} from "../workflow/plan-types.js";
export { globToRegExp, type InstanceSelector } from "../workflow/selector.js";
export type { PlanOptions } from "../workflow/plan.js";
export type { FollowClient } from "../workflow/follow.js";
export type { FollowOptions, FollowRun } from "../workflow/follow-run.js";
export type { BatchReportLike, FollowSource } from "../workflow/follow-source.js";
export {
  followStates,
  type FollowCounts,
  type FollowedInstance,
  type FollowProgress,
  type FollowReport,
  type FollowState,
} from "../workflow/follow-types.js";
export type { FollowClock } from "../workflow/pacing.js";
export type {
  ComposeOptions,
  JsonBatchReport,
  JsonOutcome,
  RunInstance,
  UpgradeRunReport,
} from "../workflow/compose.js";
