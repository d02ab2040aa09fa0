import type { ApiName } from "@dbupgrade/specs";
import type { OperationIdOf } from "../operation-types.js";
import { listGeminiDbJobs, showDdsJobDetail } from "./follow-jobs.js";
import { cancelGaussDbScheduleTask, listGaussDbScheduleTasks } from "./follow-gaussdb.js";
import { cancelTaurusDbScheduleTasks, listImmediateJobs, listScheduleJobs } from "./follow-taurusdb.js";
import { scheduleGaussDbHotfix } from "./gaussdb.js";
import type { OperationInput, Outcome } from "./outcome.js";
import { upgradeEachInstance } from "./per-instance-batch.js";
import {
  listDdsInstances,
  listGaussDbInstances,
  listGeminiDbInstances,
  listTaurusDbInstances,
  showDdsUpgradeDuration,
  showGaussDbCandidateVersions,
  showTaurusDbDatabaseVersion,
} from "./plan.js";
import {
  batchShowGaussDbCandidateVersions,
  listGaussDbDatabaseInstances,
  listTaurusDbInstancesUnifyStatus,
} from "./plan-recommended.js";
import { upgradeTaurusDbBatch } from "./taurusdb.js";

export type { OperationInput, Outcome } from "./outcome.js";

/** The simulated behaviour of every operation; the mapped type fails to compile if a spec gains one. */
export const operationBehaviours: { [A in ApiName]: { [O in OperationIdOf<A>]: (input: OperationInput) => Outcome } } =
  {
    geminidb: {
      batchUpgradeDatabaseVersion: upgradeEachInstance,
      listJobs: listGeminiDbJobs,
      listInstances: listGeminiDbInstances,
    },
    dds: {
      batchUpgradeDatabaseVersion: upgradeEachInstance,
      showJobDetail: showDdsJobDetail,
      listInstances: listDdsInstances,
      showUpgradeDuration: showDdsUpgradeDuration,
    },
    taurusdb: {
      batchUpgradeDatabases: upgradeTaurusDbBatch,
      listImmediateJobs,
      listScheduleJobs,
      cancelScheduleTask: cancelTaurusDbScheduleTasks,
      showInstanceDatabaseVersion: showTaurusDbDatabaseVersion,
      listGaussMySqlInstances: listTaurusDbInstances,
      listGaussMySqlInstancesUnifyStatus: listTaurusDbInstancesUnifyStatus,
    },
    gaussdb: {
      createScheduleTask: scheduleGaussDbHotfix,
      listScheduleTask: listGaussDbScheduleTasks,
      cancelScheduleTask: cancelGaussDbScheduleTask,
      listInstances: listGaussDbInstances,
      showBatchUpgradeCandidateVersions: (input) => showGaussDbCandidateVersions(input),
      listDatabaseInstances: listGaussDbDatabaseInstances,
      batchShowUpgradeCandidateVersions: batchShowGaussDbCandidateVersions,
    },
  };
