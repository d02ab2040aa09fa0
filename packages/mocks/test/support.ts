// Helpers shared by the tests: URLs and headers built from the spec metadata, and a way to send
// one request through a handler list without a server (msw's getResponse).
import { apiDocuments, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { signRequest } from "@dbupgrade/aksk";
import { getResponse, type RequestHandler } from "msw";
import { defaultMockCredentials } from "../src/credentials.js";
import { requestExamples } from "../src/spec-examples.js";

/** The project id of the specs' parameter example. */
export const projectId: string = (apiDocuments.geminidb.components.parameters as Record<string, { example?: string }>)
  .ProjectId!.example!;

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

/** The batch upgrade operation(s) of an API (group `upgrade`); the follow and plan operations have their own tests. */
export function operationsOf(api: ApiName): OperationInfo[] {
  return Object.values(apiMeta[api].operations)
    .filter((op) => op.group === "upgrade")
    .map((op) => ({ api, ...(op as unknown as Omit<OperationInfo, "api">) }));
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

export interface SignedInit {
  accessKey?: string;
  secretKey?: string;
  date?: Date;
  signedHeaders?: readonly string[];
  headers?: Record<string, string>;
  base?: string;
  projectId?: string;
}

/** A request signed with SDK-HMAC-SHA256 (default: the mock's AK/SK), as the SDKs send it. */
export async function signedRequest(op: OperationInfo, body: unknown, init: SignedInit = {}): Promise<Request> {
  const url = operationUrl(op, init);
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "Content-Type": op.requestContentType, ...init.headers };
  const auth = await signRequest(
    { method: op.method, url, headers, body: text },
    {
      accessKey: init.accessKey ?? defaultMockCredentials.accessKey,
      secretKey: init.secretKey ?? defaultMockCredentials.secretKey,
    },
    {
      projectId: init.projectId ?? projectId,
      ...(init.date ? { date: init.date } : {}),
      ...(init.signedHeaders ? { signedHeaders: init.signedHeaders } : {}),
    },
  );
  return new Request(url, { method: op.method, headers: { ...headers, ...auth }, body: text });
}

export interface InvalidInput {
  kind: string;
  request: () => Request;
  /** What the DBS.200001 error_msg must name: the field and why. */
  names: RegExp;
}

/** One request per kind of invalid input the mocks must answer with the documented 400. */
export function invalidInputs(op: OperationInfo): InvalidInput[] {
  const example = firstRequestExample(op) as Record<string, unknown>;
  const meta = (
    apiMeta[op.api].operations as Record<
      string,
      { requiredBodyFields: readonly string[]; batch: { property: string; maxItems: number | null } | null }
    >
  )[op.operationId]!;
  const [firstRequired] = meta.requiredBodyFields;
  const batch = meta.batch!;
  const url = (projectIdValue?: string) =>
    operationUrl(op, projectIdValue === undefined ? {} : { projectId: projectIdValue });
  const raw = (body: BodyInit | null, headers: Record<string, string>, at = url()) =>
    new Request(at, { method: op.method, headers: { ...tokenHeaders, ...headers }, body });
  const json = { "Content-Type": op.requestContentType };
  const kinds: InvalidInput[] = [
    {
      kind: "a required field missing",
      request: () => jsonRequest(op, {}),
      names: new RegExp(`body\\.${firstRequired} is required`),
    },
    {
      kind: "a field of the wrong type",
      request: () => jsonRequest(op, { ...example, [batch.property]: "x" }),
      names: new RegExp(`body\\.${batch.property} must be array`),
    },
    {
      kind: "an empty batch",
      request: () => jsonRequest(op, { ...example, [batch.property]: [] }),
      names: new RegExp(`body\\.${batch.property} must NOT have fewer than 1 items`),
    },
    {
      kind: "an undocumented field",
      request: () => jsonRequest(op, { ...example, surprise: 1 }),
      names: /body\.surprise is not a documented field/,
    },
    { kind: "a body that is not an object", request: () => jsonRequest(op, [example]), names: /body must be object/ },
    { kind: "malformed JSON", request: () => raw('{"oops": [', json), names: /body is not valid JSON/ },
    { kind: "an empty body", request: () => raw("", json), names: /body is required/ },
    {
      kind: "bytes that are not UTF-8",
      request: () => raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), json),
      names: /body is not valid UTF-8/,
    },
    {
      kind: "a wrong content type",
      request: () => raw(JSON.stringify(example), { "Content-Type": "text/plain" }),
      names: /header\.Content-Type must be/,
    },
    {
      kind: "a non-UTF-8 charset",
      request: () => raw(JSON.stringify(example), { "Content-Type": "application/json; charset=ISO-8859-1" }),
      names: /header\.Content-Type must be/,
    },
    {
      kind: "no content type",
      request: () => raw(new TextEncoder().encode(JSON.stringify(example)), {}),
      names: /header\.Content-Type is required/,
    },
    {
      kind: "a missing path parameter",
      request: () => raw(JSON.stringify(example), json, url("")),
      names: /path\.project_id is required/,
    },
    {
      kind: "a malformed path parameter",
      request: () => raw(JSON.stringify(example), json, url("not-a-project")),
      names: /path\.project_id must match pattern/,
    },
    {
      kind: "an unfilled path template",
      request: () => raw(JSON.stringify(example), json, operationUrl(op).replace(projectId, "{project_id}")),
      names: /path\.project_id must match pattern/,
    },
  ];
  if (batch.maxItems !== null) {
    const ids = Array.from({ length: batch.maxItems + 1 }, (_, i) => `${String(i).padStart(32, "0")}in00`);
    kinds.push({
      kind: "too many instances",
      request: () => jsonRequest(op, { ...example, [batch.property]: ids }),
      names: new RegExp(`body\\.${batch.property} must NOT have more than ${batch.maxItems} items`),
    });
  }
  if (op.language) {
    kinds.push({
      kind: `a bad ${op.language.name}`,
      request: () => jsonRequest(op, example, { headers: { [op.language!.name]: "fr-fr" } }),
      names: new RegExp(`header\\.${op.language.name} must be one of`),
    });
  }
  return kinds;
}
