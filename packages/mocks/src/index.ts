// @dbupgrade/mocks: spec-driven MSW handlers, the simulated fleet and overrides. Browser-safe:
// nothing here imports Node built-ins (see ./node, ./browser and ./server for the setups).
export {
  createMockApi,
  type MockApi,
  type MockApiOptions,
  type OverrideOptions,
  type OverrideScope,
} from "./mock-api.js";
export { defaultMockCredentials, type MockCredentials } from "./credentials.js";
export { createFleet, type Fleet, type FleetOptions, type StartUpgrade } from "./fleet.js";
export {
  instanceStatuses,
  type GeminiDbEngine,
  type InstanceStatus,
  type MockInstance,
  type NewInstance,
  type UpgradeJob,
} from "./fleet-types.js";
export type { BaseUrlOption } from "./routing.js";
export type {
  ApiOperations,
  DocumentedResponse,
  DocumentedStatus,
  OperationIdOf,
  RequestBodyOf,
} from "./operation-types.js";
export { responseExamples, requestExamples, type SpecExample } from "./spec-examples.js";
export {
  messages,
  specErrors,
  undocumentedCodes,
  type ErrorBody,
  type GatewayErrorBody,
  type Language,
} from "./errors.js";
export { geminiDbEngines } from "./services/geminidb/versions.js";
export { sampleParameters, type SampleParameters } from "./sample-parameters.js";
export { seedPageInstances, type SeedPageInstance } from "./seed-page.js";
export {
  loadRecordingFiles,
  RECORDING_FORMAT,
  type RecordedFleet,
  type RecordedInstance,
  type RecordingFiles,
} from "./recorded-fleet.js";
