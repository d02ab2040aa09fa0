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
  requestSchema: Record<string, unknown>;
  requestContentType: string;
}

export function specOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const api of apiNames) {
    const doc = apiDocuments[api] as any;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!op?.operationId) continue;
        const meta = (apiMeta[api].operations as Record<string, any>)[op.operationId];
        // Interim (issue 11): the follow and plan operations join once the mocks serve them.
        if (meta.group !== "upgrade") continue;
        const [contentType, media] = Object.entries<any>(op.requestBody.content)[0]!;
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
        });
      }
    }
  }
  return out;
}
