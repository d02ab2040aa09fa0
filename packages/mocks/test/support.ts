// Helpers shared by the tests: URLs and headers built from the spec metadata, and a way to send
// one request through a handler list without a server (msw's getResponse).
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { getResponse, type RequestHandler } from "msw";
import { defaultMockCredentials } from "../src/credentials.js";
import { requestExamples } from "../src/spec-examples.js";

/** The project id of the specs' parameter example. */
export const projectId: string = (apiDocuments.geminidb.components.parameters as Record<string, { example?: string }>).ProjectId!.example!;

export interface OperationInfo {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  requestContentType: string;
  successStatus: number;
  statuses: readonly number[];
  language: { name: string; values: readonly string[]; default: string } | null;
}

export function operationsOf(api: ApiName): OperationInfo[] {
  return Object.values(apiMeta[api].operations).map((op) => ({ api, ...(op as unknown as Omit<OperationInfo, "api">) }));
}

export const allOperations: OperationInfo[] = (Object.keys(apiMeta) as ApiName[]).flatMap(operationsOf);

export function onlyOperation(api: ApiName): OperationInfo {
  return operationsOf(api)[0]!;
}

/** The URL of an operation under a base (default: the API's documented ap-southeast-1 endpoint). */
export function operationUrl(op: OperationInfo, options: { base?: string; projectId?: string } = {}): string {
  const base = options.base ?? (apiMeta[op.api].endpoints as Record<string, string>)["ap-southeast-1"]!;
  return base + op.path.replace("{project_id}", encodeURIComponent(options.projectId ?? projectId));
}

export function firstRequestExample(op: OperationInfo): unknown {
  return requestExamples(op.api, op.operationId)[0]!.value;
}

export const tokenHeaders = { "X-Auth-Token": defaultMockCredentials.token };

export function jsonRequest(
  op: OperationInfo,
  body: unknown,
  init: { headers?: Record<string, string>; base?: string; projectId?: string; raw?: string } = {},
): Request {
  return new Request(operationUrl(op, init), {
    method: op.method,
    headers: { "Content-Type": op.requestContentType, ...tokenHeaders, ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
}

export interface Answer {
  status: number;
  body: any;
  headers: Record<string, string>;
  response: Response;
}

export async function send(handlers: RequestHandler[], request: Request): Promise<Answer | undefined> {
  const response = await getResponse(handlers, request);
  if (!response) return undefined;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.type === "error") return { status: 0, body: undefined, headers, response };
  const text = await response.clone().text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers, response };
}

export async function mustSend(handlers: RequestHandler[], request: Request): Promise<Answer> {
  const answer = await send(handlers, request);
  if (!answer) throw new Error(`no handler answered ${request.method} ${request.url}`);
  return answer;
}
