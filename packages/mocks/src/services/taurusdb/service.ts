// TaurusDB in the mock: an all-or-nothing batch, immediate and scheduled job lists, cancel, versions.
import type { MockService } from "../mock-service.js";
import { upgradeTaurusDbBatch } from "./batch.js";
import { cancelTaurusDbScheduleTasks, listImmediateJobs, listScheduleJobs } from "./follow.js";
import { listTaurusDbInstances, showTaurusDbDatabaseVersion } from "./plan.js";
import { listTaurusDbInstancesUnifyStatus } from "./plan-recommended.js";
import { taurusdbProfile } from "./profile.js";

export const taurusdbMock: MockService<"taurusdb"> = {
  profile: taurusdbProfile,
  operations: {
    batchUpgradeDatabases: upgradeTaurusDbBatch,
    listImmediateJobs,
    listScheduleJobs,
    cancelScheduleTask: cancelTaurusDbScheduleTasks,
    showInstanceDatabaseVersion: showTaurusDbDatabaseVersion,
    listGaussMySqlInstances: listTaurusDbInstances,
    listGaussMySqlInstancesUnifyStatus: listTaurusDbInstancesUnifyStatus,
  },
};
