// GeminiDB in the mock: per-instance batch results, the job list, the instance list.
import { upgradeEachInstance } from "../../operations/per-instance-batch.js";
import type { MockService } from "../mock-service.js";
import { listGeminiDbJobs } from "./follow.js";
import { listGeminiDbInstances } from "./plan.js";
import { geminidbProfile } from "./profile.js";

export const geminidbMock: MockService<"geminidb"> = {
  profile: geminidbProfile,
  operations: {
    batchUpgradeDatabaseVersion: upgradeEachInstance,
    listJobs: listGeminiDbJobs,
    listInstances: listGeminiDbInstances,
  },
};
