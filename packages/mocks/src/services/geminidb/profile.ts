// GeminiDB in the fleet: three engines, each with its own versions and id suffix.
import { specErrors } from "../../errors.js";
import { lastOf, type ServiceProfile } from "../service-profile.js";
import { engineOfInstanceId, geminiDbEngineSuffixes } from "./instance-ids.js";
import { geminiDbEngines, geminiDbVersions } from "./versions.js";

export const geminidbProfile: ServiceProfile<"geminidb"> = {
  api: "geminidb",
  namePrefix: "nosql",
  maintenanceWindow: "02:00-06:00",
  visibilityDelayMs: 0,
  scheduledVisibleAtOnce: false,
  engines: geminiDbEngines,
  versions: (engine) => geminiDbVersions[engine ?? "Cassandra"],
  newestVersion: (engine) => lastOf(geminiDbVersions[engine ?? "Cassandra"]),
  engineIds: { engineOf: engineOfInstanceId, suffixes: geminiDbEngineSuffixes },
  notFoundCode: () => specErrors().instanceNotFound.error_code,
  documentsNotFound: false,
  statusWords: { normal: "normal", upgrading: "normal", frozen: "frozen", abnormal: "abnormal" },
};
