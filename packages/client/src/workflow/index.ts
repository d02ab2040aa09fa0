// plan -> submit -> follow: the shared types of dry runs, followers and composed runs (each service's
// planner and composed run are in services/<api>/). An app that only submits bundles none of this.
export type { PlanOptions } from "./plan.js";
export {
  NOT_EXPOSED,
  NOT_IN_LIST,
  type PlanBatch,
  type PlanReason,
  type PlanRow,
  type UpgradePlan,
} from "./plan-types.js";
export { globToRegExp, type InstanceSelector } from "./selector.js";
export { normalizeTags, TAGGED_LISTS, tagsUnsupported } from "./tags.js";
export { followUpgrades, waitForUpgrades, type FollowClient } from "./follow.js";
export type { FollowOptions, FollowRun } from "./follow-run.js";
export type { BatchReportLike, FollowSource } from "./follow-source.js";
export {
  followStates,
  type FollowCounts,
  type FollowedInstance,
  type FollowProgress,
  type FollowReport,
  type FollowState,
} from "./follow-types.js";
export type { FollowClock } from "./pacing.js";
export type { ComposeOptions, JsonBatchReport, JsonOutcome, RunInstance, UpgradeRunReport } from "./compose.js";
export {
  errorLimitExceeded,
  errorsAllowed,
  formatAmount,
  parseAmount,
  planWaves,
  sizeOf,
  type Amount,
  type PlannedWave,
  type WaveShape,
} from "./rollout-policy.js";
export {
  runRollout,
  type InstanceTally,
  type RolloutErrorKind,
  type RolloutRunOptions,
  type RolloutRunResult,
  type RolloutStop,
  type WaveEvents,
  type WaveResult,
  type WaveStart,
  type WaveStep,
} from "./rollout.js";
export {
  reportConclusion,
  reportSubmission,
  rolloutUpgrades,
  type RolloutClient,
  type RolloutOptions,
  type RolloutReport,
} from "./rollout-upgrades.js";
export type { CancelOutcome, ScheduledUpgrade } from "./scheduled-types.js";
export { cancelTaurusDbScheduledUpgrades, listTaurusDbScheduledUpgrades } from "../services/taurusdb/scheduled.js";
export { cancelGaussDbScheduledUpgrades, listGaussDbScheduledUpgrades } from "../services/gaussdb/scheduled.js";
