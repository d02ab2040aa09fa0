import { apiMeta, apiNames } from "@dbupgrade/meta";

const upgrade = apiMeta.dds.operations.batchUpgradeDatabaseVersion;

export const apis = apiNames.join(", "); // "geminidb, taurusdb, dds, gaussdb"
export const requestLine = `${upgrade.method} ${apiMeta.dds.endpoints["ap-southeast-1"]}${upgrade.path}`;
// "POST https://dds.ap-southeast-1.myhuaweicloud.com/v3/{project_id}/instances/db-upgrade"
export const maxPerRequest = upgrade.batch.maxItems; // 10
export const succeedsWith = upgrade.successStatus; // 202
console.log(apis, requestLine, maxPerRequest, succeedsWith);
