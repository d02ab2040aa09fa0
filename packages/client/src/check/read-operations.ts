// The operations `check` and `record` may call: every GET of a spec, and the POSTs a spec marks
// read-only (`x-dbupgrade-read-only: true`, generated into the metadata as `readOnly`). Derived, not
// listed: an operation a spec adds flows in; a write can only get in by a spec calling it read-only.
import { apiMeta, apiNames, type ApiName } from "@dbupgrade/meta";

export interface ReadOperation {
  api: ApiName;
  operationId: string;
  method: "GET" | "POST";
  path: string;
  group: string;
  pathParams: readonly string[];
  queryParams: readonly { name: string; required: boolean; type: string }[];
  requiredBodyFields: readonly string[];
  bodyFields: readonly string[];
  requestContentType: string | null;
  statuses: readonly number[];
  hasDefaultResponse: boolean;
  iamAction: string | null;
  iamAliases: readonly string[];
}

interface MetaOperation {
  operationId: string;
  method: string;
  path: string;
  group: string;
  pathParams: readonly string[];
  queryParams: readonly { name: string; required: boolean; type: string }[];
  requiredBodyFields: readonly string[];
  bodyFields: readonly string[];
  requestContentType: string | null;
  statuses: readonly number[];
  hasDefaultResponse: boolean;
  readOnly?: boolean;
  iamAction?: string | null;
  iamAliases?: readonly string[];
}

/** Whether the metadata calls an operation read-only: a GET, or a POST the spec marks so. */
export function isReadOnly(op: { method: string; readOnly?: boolean }): boolean {
  if (op.method === "GET") return true;
  return op.method === "POST" && op.readOnly === true;
}

/** The read-only operations of one API, in the spec's order. */
export function readOperations(api: ApiName): ReadOperation[] {
  const operations = Object.values(apiMeta[api].operations) as readonly MetaOperation[];
  return operations.filter(isReadOnly).map((op) => ({
    api,
    operationId: op.operationId,
    method: op.method as "GET" | "POST",
    path: op.path,
    group: op.group,
    pathParams: op.pathParams,
    queryParams: op.queryParams,
    requiredBodyFields: op.requiredBodyFields,
    bodyFields: op.bodyFields,
    requestContentType: op.requestContentType,
    statuses: op.statuses,
    hasDefaultResponse: op.hasDefaultResponse,
    iamAction: op.iamAction ?? null,
    iamAliases: op.iamAliases ?? [],
  }));
}

/** Every operation `check` and `record` can call, as `api.operationId`. */
export function checkableOperations(): string[] {
  return apiNames.flatMap((api) => readOperations(api).map((op) => `${api}.${op.operationId}`));
}

/**
 * The operation that lists a service's instances: a GET on `/…/instances` with no other path
 * parameter. Its answers give the ids the per-instance operations are called with.
 */
export function isInstanceList(op: ReadOperation): boolean {
  return op.method === "GET" && /\/instances$/.test(op.path) && op.pathParams.every((p) => p === "project_id");
}
