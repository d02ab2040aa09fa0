import { apiMeta } from "@dbupgrade/specs/meta";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";

const validator = createSpecValidator();
const result = validator.validateRequestBody("dds", "batchUpgradeDatabaseVersion", {
  instance_ids: Array.from({ length: 11 }, (_, i) => `instance-${i}`),
});

export const accepted = result.valid; // false
export const reason = describeIssues(result.issues); // "body.instance_ids must NOT have more than 10 items"
export const maxPerRequest = apiMeta.dds.operations.batchUpgradeDatabaseVersion.batch.maxItems; // 10
export const endpoint = apiMeta.taurusdb.endpoints["ap-southeast-1"]; // "https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com"
