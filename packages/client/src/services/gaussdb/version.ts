// openGauss versions come in two spellings: bare (`3.208.0.6`, the /v3 APIs and createScheduleTask's
// target_version) and with a product prefix (`V2.0-3.208.0.6`, the /v3.3 list and /v3.1 candidates;
// see the spec of listDatabaseInstances). Compare and send them bare.

const PRODUCT_PREFIX = /^V\d+(?:\.\d+)*-/;

/** `V2.0-3.208.0.6` -> `3.208.0.6`; a bare version is returned unchanged. */
export function bareGaussDbVersion(version: string): string {
  return version.replace(PRODUCT_PREFIX, "");
}
