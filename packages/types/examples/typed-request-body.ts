import type { components, operations } from "@dbupgrade/types/taurusdb";

type UpgradeBody = components["schemas"]["BatchUpgradeDatabasesRequestBody"];
type Success = operations["batchUpgradeDatabases"]["responses"][200]["content"]["application/json"];

export const body: UpgradeBody = {
  databases_instance_infos: [{ current_version: "2.0.48.231200", instance_id: "6754902da1f447269c6979b0590102a5in07" }],
  delay: false,
};

export function isSuccess(response: Success): boolean {
  return response.resp === "success";
}
