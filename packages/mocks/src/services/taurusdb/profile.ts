// TaurusDB in the fleet: its jobs show a few seconds late (immediate ones), its scheduled tasks at once.
import { specErrors } from "../../errors.js";
import { lastOf, type ServiceProfile } from "../service-profile.js";

// 2.0.48.231200 is the version of the spec's request example; the others are illustrative.
const versions = ["2.0.45.230950", "2.0.46.231000", "2.0.48.231200", "2.0.51.240300", "2.0.57.240900"];

export const taurusdbProfile: ServiceProfile<"taurusdb"> = {
  api: "taurusdb",
  namePrefix: "taurus",
  maintenanceWindow: "18:00-22:00",
  visibilityDelayMs: 3_000,
  scheduledVisibleAtOnce: true,
  engines: [undefined],
  versions: () => versions,
  newestVersion: () => lastOf(versions),
  // TaurusDB's spec documents DBS.200022 for it.
  notFoundCode: () => specErrors().taurusNotFound.error_code,
  documentsNotFound: true,
  statusWords: { normal: "ACTIVE", upgrading: "MODIFYING", frozen: "FROZEN", abnormal: "FAILED" },
};
