// DDS in the fleet. The versions are illustrative: the APIs never return them.
import { specErrors } from "../../errors.js";
import { lastOf, type ServiceProfile } from "../service-profile.js";

const versions = ["4.0.3.112", "4.0.3.131", "4.4.4.25"];

export const ddsProfile: ServiceProfile<"dds"> = {
  api: "dds",
  namePrefix: "dds",
  maintenanceWindow: "02:00-06:00",
  visibilityDelayMs: 0,
  scheduledVisibleAtOnce: false,
  engines: [undefined],
  versions: () => versions,
  newestVersion: () => lastOf(versions),
  notFoundCode: () => specErrors().instanceNotFound.error_code,
  documentsNotFound: false,
  statusWords: { normal: "normal", upgrading: "normal", frozen: "frozen", abnormal: "abnormal" },
};
