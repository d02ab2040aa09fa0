// openGauss in the fleet: kernel versions plus the hot patches offered on top of them.
import { specErrors } from "../../errors.js";
import { lastOf, type ServiceProfile } from "../service-profile.js";

// The spec's example targets hot patches 3.208.0.6 and 3.208.0.7.
const versions = ["3.208.0.3", "3.208.0.5"];

/** The hot patches the mock offers (the candidates `showBatchUpgradeCandidateVersions` lists). */
export const gaussDbHotfixes: readonly string[] = ["3.208.0.6", "3.208.0.7"];

export const gaussdbProfile: ServiceProfile<"gaussdb"> = {
  api: "gaussdb",
  namePrefix: "gauss",
  maintenanceWindow: "02:00-06:00",
  visibilityDelayMs: 0,
  scheduledVisibleAtOnce: false,
  engines: [undefined],
  versions: () => versions,
  newestVersion: () => lastOf(gaussDbHotfixes),
  notFoundCode: () => specErrors().instanceNotFound.error_code,
  documentsNotFound: false,
  statusWords: { normal: "ACTIVE", upgrading: "UPGRADING", frozen: "FROZEN", abnormal: "ABNORMAL" },
};
