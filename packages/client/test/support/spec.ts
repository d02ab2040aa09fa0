// Test fixtures read from the specs: request and response examples, documented statuses, and the
// clients keyed by API name. Nothing about the APIs is retyped here.
import { apiDocuments } from "@dbupgrade/specs";
import { apiMeta, apiNames, type ApiName, type OperationMeta } from "@dbupgrade/meta";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import {
  createDdsClient,
  createGaussDbClient,
  createGeminiDbClient,
  createTaurusDbClient,
  type ClientOptions,
} from "../../src/index.js";

export const validator = createSpecValidator();
export const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";

type AnyDoc = { paths: Record<string, Record<string, any>>; components: Record<string, Record<string, any>> };

function resolve(doc: AnyDoc, node: any): any {
  let current = node;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((o: any, k: string) => o?.[k], doc);
  }
  return current;
}

export interface OperationCase {
  api: ApiName;
  operationId: string;
  meta: OperationMeta;
}

// The batch upgrade operations. The follow and plan operations the specs gained in issue 11 take
// query parameters and no body; the client's support for them (issue 12) brings its own cases.
export const operationCases: OperationCase[] = apiNames.flatMap((api) =>
  Object.values(apiMeta[api].operations)
    .filter((meta) => meta.group === "upgrade")
    .map((meta) => ({ api, operationId: meta.operationId, meta }) as OperationCase),
);

function operationObject(api: ApiName, operationId: string): any {
  const doc = apiDocuments[api] as unknown as AnyDoc;
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) if (op?.operationId === operationId) return op;
  }
  throw new Error(`no ${api}.${operationId}`);
}

/** The first named example of the request body. */
export function requestExample(api: ApiName, operationId: string): any {
  const doc = apiDocuments[api] as unknown as AnyDoc;
  const body = resolve(doc, operationObject(api, operationId).requestBody);
  const media = Object.values<any>(body.content)[0];
  return structuredClone(Object.values<any>(media.examples)[0].value);
}

/** The first named example of a documented response (a status number or "default"). */
export function responseExample(api: ApiName, operationId: string, status: number | "default"): any {
  const doc = apiDocuments[api] as unknown as AnyDoc;
  const response = resolve(doc, operationObject(api, operationId).responses[String(status)]);
  const media = Object.values<any>(response?.content ?? {})[0];
  const example = media?.examples ? Object.values<any>(media.examples)[0]?.value : undefined;
  return example === undefined ? undefined : structuredClone(example);
}

/** The request path with the project id filled in. */
export function pathOf(meta: { path: string }, project = projectId): string {
  return meta.path.replace("{project_id}", project);
}

export const createClientFor = {
  geminidb: createGeminiDbClient,
  taurusdb: createTaurusDbClient,
  dds: createDdsClient,
  gaussdb: createGaussDbClient,
} as const;

/** A client of any API as a bag of methods, for tests that loop over APIs (types are tested apart). */
export function anyClient(
  api: ApiName,
  options: ClientOptions & { language?: string },
): Record<string, (body: unknown, init?: unknown) => Promise<any>> & { raw: any; baseUrl: string } {
  return (createClientFor[api] as (o: unknown) => unknown)(options) as never;
}
