// @dbupgrade/client: typed clients for the four Huawei Cloud batch-upgrade APIs, AK/SK signing and
// batch helpers. Every module is side-effect free, so a bundle keeps only the services it imports.
export * from "./services/geminidb/index.js";
export * from "./services/taurusdb/index.js";
export * from "./services/dds/index.js";
export * from "./services/gaussdb/index.js";
export { upgradeServices } from "./services/registry.js";
export type {
  RunSettingName,
  RunSettings,
  ServiceClientOptions,
  SettingUse,
  UpgradeService,
  UpgradeServices,
} from "./services/upgrade-service.js";
export { createDbUpgradeClients, type DbUpgradeClients, type DbUpgradeClientsOptions } from "./services/all-clients.js";
export type {
  AkSkAuth,
  CallOptions,
  ClientAuth,
  ClientOptions,
  EndpointOption,
  FetchLike,
  LanguageCallOptions,
  TokenAuth,
} from "./options.js";
export { DEFAULT_TIMEOUT_MS } from "./options.js";
export type {
  Media,
  OperationData,
  OperationErrorBody,
  OperationMethods,
  OperationResponseBody,
  OperationResult,
  RequestBodyOf,
  ServiceClient,
  ServiceClientBase,
} from "./service-client.js";
export {
  DbUpgradeAbortError,
  DbUpgradeApiError,
  DbUpgradeError,
  DbUpgradeNetworkError,
  DbUpgradeTimeoutError,
  RedactedCause,
  type ApiErrorDetails,
  type OperationRef,
} from "./errors.js";
export { createRedactor, REDACTED, type Redactor } from "./redact.js";
export type { JobDetails } from "./batch/upgrade-results.js";
export { formatStartTime } from "./batch/start-time.js";
export { DEFAULT_CHUNK_SIZE, DEFAULT_CONCURRENCY, type BatchOptions } from "./batch/run-batches.js";
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
} from "./batch/report.js";
export { backoffDelay, isSafeToRetry, parseRetryAfter, retryDelay, type RetryPolicy } from "./batch/retry.js";
export type { OperationParams } from "./service-client.js";
export * from "./workflow/index.js";
