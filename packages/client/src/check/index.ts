// @dbupgrade/client/check: a read-only conformance check of a real account's answers against the
// specs, and a recorder of those answers (redacted) that @dbupgrade/mocks turns into a mock fleet.
// A subpath of its own: it brings the specs' validator (ajv), which the clients themselves do not need.
export {
  checkableOperations,
  isInstanceList,
  isReadOnly,
  readOperations,
  type ReadOperation,
} from "./read-operations.js";
export {
  crawlService,
  formatQueryTime,
  type CheckClient,
  type CrawlOptions,
  type CrawlResult,
  type Exchange,
  type ExchangeRequest,
  type NotExercised,
} from "./crawl.js";
export {
  checkExitCode,
  checkService,
  evaluateExchanges,
  type CallError,
  type OperationCheck,
  type OperationOutcome,
  type ServiceCheck,
  type UnknownEnumValue,
} from "./conformance.js";
export { createRedactor, SECRET_PLACEHOLDER, type Redactor, type RedactorOptions } from "./placeholders.js";
export {
  CHECK_REPORT_FORMAT,
  RECORDING_FORMAT,
  toCheckReport,
  toRecording,
  type CheckReport,
  type RecordedExchange,
  type Recording,
  type RecordingManifest,
  type RecordingOptions,
} from "./recording.js";
