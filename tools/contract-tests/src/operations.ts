// Every operation of every spec, enumerated from the bundled documents: the contract tests iterate
// over this list, so a new spec or operation is covered (and must be served) without editing tests.
import { apiDocuments, apiMeta, apiNames, type ApiName } from "@dbupgrade/specs";

export interface SpecOperation {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  successStatus: number;
  statuses: number[];
  hasDefaultResponse: boolean;
  /** `null` for operations without a request body (the GET and PUT job and instance operations). */
  requestSchema: Record<string, unknown> | null;
  requestContentType: string | null;
  group: "upgrade" | "follow" | "plan";
}

export function specOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const api of apiNames) {
    const doc = apiDocuments[api] as any;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!op?.operationId) continue;
        const meta = (apiMeta[api].operations as Record<string, any>)[op.operationId];
        const [contentType, media] = op.requestBody
          ? Object.entries<any>(op.requestBody.content)[0]!
          : [null, { schema: null }];
        out.push({
          api,
          operationId: op.operationId,
          method: method.toUpperCase(),
          path,
          successStatus: meta.successStatus,
          statuses: [...meta.statuses],
          hasDefaultResponse: meta.hasDefaultResponse,
          requestSchema: media.schema,
          requestContentType: contentType,
          group: meta.group,
        });
      }
    }
  }
  return out;
}

export type BodyOperation = SpecOperation & { requestSchema: Record<string, unknown>; requestContentType: string };

/** The operations that take a JSON body (the batch upgrades, TaurusDB cancelScheduleTask, openGauss candidate versions). */
export function bodyOperations(): BodyOperation[] {
  return specOperations().filter((op): op is BodyOperation => op.requestSchema !== null);
}
