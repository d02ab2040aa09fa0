// @dbupgrade/client: typed clients for the four Huawei Cloud batch-upgrade APIs, AK/SK signing and
// batch helpers. Every module is side-effect free, so a bundle keeps only the services it imports.
export {
  createGeminiDbClient,
  type GeminiDbClient,
  type GeminiDbClientOptions,
  type GeminiDbRegion,
} from "./clients/geminidb-client.js";
export {
  createTaurusDbClient,
  type TaurusDbClient,
  type TaurusDbClientOptions,
  type TaurusDbLanguage,
  type TaurusDbRegion,
} from "./clients/taurusdb-client.js";
export { createDdsClient, type DdsClient, type DdsClientOptions, type DdsRegion } from "./clients/dds-client.js";
export {
  createGaussDbClient,
  type GaussDbClient,
  type GaussDbClientOptions,
  type GaussDbLanguage,
  type GaussDbRegion,
} from "./clients/gaussdb-client.js";
export { createDbUpgradeClients, type DbUpgradeClients, type DbUpgradeClientsOptions } from "./clients/all-clients.js";
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
export { REDACTED } from "./redact.js";
export {
  upgradeGeminiDbInBatches,
  type GeminiDbBatchOutcome,
  type GeminiDbBatchReport,
} from "./batch/geminidb-batches.js";
export { upgradeDdsInBatches, type DdsBatchOutcome, type DdsBatchReport } from "./batch/dds-batches.js";
export {
  upgradeTaurusDbInBatches,
  type TaurusDbBatchOptions,
  type TaurusDbBatchOutcome,
  type TaurusDbBatchReport,
  type TaurusDbInstance,
} from "./batch/taurusdb-batches.js";
export {
  scheduleGaussDbHotfixInBatches,
  type GaussDbBatchOutcome,
  type GaussDbBatchReport,
  type GaussDbHotfixBatchOptions,
  type TaskDetails,
} from "./batch/gaussdb-batches.js";
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
