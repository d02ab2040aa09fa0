// @dbupgrade/cli/report: read and summarise the JSON reports `dbupgrade apply` and `wait` write, from a
// script or a CI step (the same code the `dbupgrade report` command uses).
export { parseReport, readReport, ReportFileError } from "./read.js";
export {
  instanceState,
  instanceStates,
  mayHaveReachedServer,
  safeToSend,
  summarize,
  type InstanceState,
  type ReportSummary,
} from "./summary.js";
export {
  REPORT_FORMAT,
  type InstanceRecord,
  type JobProgress,
  type JobState,
  type Phase,
  type ReportFile,
  type RunRecord,
  type Submission,
  type SubmissionStatus,
} from "./types.js";
