// openGauss in the mock: scheduled hot-patch tasks, their list and cancel, instances and candidates.
import type { MockService } from "../mock-service.js";
import { scheduleGaussDbHotfix } from "./batch.js";
import { cancelGaussDbScheduleTask, listGaussDbScheduleTasks } from "./follow.js";
import { listGaussDbInstances, showGaussDbCandidateVersions } from "./plan.js";
import { batchShowGaussDbCandidateVersions, listGaussDbDatabaseInstances } from "./plan-recommended.js";
import { gaussdbProfile } from "./profile.js";

export const gaussdbMock: MockService<"gaussdb"> = {
  profile: gaussdbProfile,
  operations: {
    createScheduleTask: scheduleGaussDbHotfix,
    listScheduleTask: listGaussDbScheduleTasks,
    cancelScheduleTask: cancelGaussDbScheduleTask,
    listInstances: listGaussDbInstances,
    showBatchUpgradeCandidateVersions: (input) => showGaussDbCandidateVersions(input),
    listDatabaseInstances: listGaussDbDatabaseInstances,
    batchShowUpgradeCandidateVersions: batchShowGaussDbCandidateVersions,
  },
};
