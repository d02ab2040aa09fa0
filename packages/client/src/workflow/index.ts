// plan -> submit -> follow: the shared types of dry runs, followers and composed runs (each service's
// planner and composed run are in services/<api>/). An app that only submits bundles none of this.
export type { PlanOptions } from "./plan.js";
export { NOT_EXPOSED, type PlanBatch, type PlanReason, type PlanRow, type UpgradePlan } from "./plan-types.js";
export { globToRegExp, type InstanceSelector } from "./selector.js";
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
