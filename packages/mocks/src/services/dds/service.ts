// DDS in the mock: per-instance batch results, one job per id, the instance list and upgrade durations.
import { upgradeEachInstance } from "../../operations/per-instance-batch.js";
import type { MockService } from "../mock-service.js";
import { showDdsJobDetail } from "./follow.js";
import { listDdsInstances, showDdsUpgradeDuration } from "./plan.js";
import { ddsProfile } from "./profile.js";

export const ddsMock: MockService<"dds"> = {
  profile: ddsProfile,
  operations: {
    batchUpgradeDatabaseVersion: upgradeEachInstance,
    showJobDetail: showDdsJobDetail,
    listInstances: listDdsInstances,
    showUpgradeDuration: showDdsUpgradeDuration,
  },
};
