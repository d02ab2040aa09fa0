// One way to call any operation of the mock, in process (MSW's getResponse over the handlers) or
// over HTTP (the standalone server on 127.0.0.1), so the follow tests run the same steps both ways.
// Every answer is checked against the spec with only the documented fields allowed.
import type { ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";
import { createMockApi, type MockApi, type MockApiOptions } from "../src/mock-api.js";
import { startMockServer } from "../src/server.js";
import { projectId, send, tokenHeaders, type Answer } from "./support.js";

const strict = createSpecValidator({ documentedFieldsOnly: true });

export const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

export interface CallInit {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Transport {
  name: string;
  mock: MockApi;
  /** Calls one operation; `status: 0` when the connection was dropped. */
  call(api: ApiName, operationId: string, init?: CallInit): Promise<Answer>;
  close(): Promise<void>;
}

interface OpMeta {
  method: string;
  path: string;
  requestContentType: string | null;
  statuses: readonly number[];
}

function metaOf(api: ApiName, operationId: string): OpMeta {
  const op = (apiMeta[api].operations as unknown as Record<string, OpMeta>)[operationId];
  if (!op) throw new Error(`no ${api}.${operationId}`);
  return op;
}

function build(base: string, api: ApiName, operationId: string, init: CallInit): Request {
  const op = metaOf(api, operationId);
  const params: Record<string, string> = { project_id: projectId, ...init.params };
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
  const hasBody = init.body !== undefined;
  return new Request(url, {
    method: op.method,
    headers: {
      ...tokenHeaders,
      ...(hasBody && op.requestContentType ? { "Content-Type": op.requestContentType } : {}),
      ...init.headers,
    },
    ...(hasBody ? { body: JSON.stringify(init.body) } : {}),
  });
}

function checked(api: ApiName, operationId: string, answer: Answer): Answer {
  if (answer.status === 0) return answer;
  const result = strict.validateResponse(api, operationId, answer.status, answer.body);
  if (!result.valid)
    throw new Error(
      `${api}.${operationId} answered an undocumented ${answer.status}: ${describeIssues(result.issues)}`,
    );
  return answer;
}

export function inProcess(options: MockApiOptions = {}): Transport {
  const mock = createMockApi({ clock: () => T0, ...options });
  return {
    name: "in process",
    mock,
    async call(api, operationId, init = {}) {
      const base = Object.values(apiMeta[api].endpoints)[0] as string;
      const answer = await send(mock.handlers, build(base, api, operationId, init));
      if (!answer) throw new Error(`no handler for ${api}.${operationId}`);
      return checked(api, operationId, answer);
    },
    close: async () => undefined,
  };
}

export async function overHttp(options: MockApiOptions = {}): Promise<Transport> {
  const server = await startMockServer({ port: 0, clock: () => T0, ...options });
  return {
    name: "over HTTP",
    mock: server.mock,
    async call(api, operationId, init = {}) {
      let response: Response;
      try {
        response = await fetch(build(server.baseUrlOf(api), api, operationId, init));
      } catch {
        return { status: 0, body: undefined, headers: {}, response: new Response(null) };
      }
      const text = await response.text();
      const headers = Object.fromEntries(response.headers);
      return checked(api, operationId, {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers,
        response,
      });
    },
    close: () => server.close(),
  };
}

export const transports: [string, (options?: MockApiOptions) => Promise<Transport>][] = [
  ["in process", async (options) => inProcess(options)],
  ["over HTTP", overHttp],
];
