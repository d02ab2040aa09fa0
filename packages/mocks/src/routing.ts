// Which requests an operation's handler answers. Routes come from the operation metadata
// (method and path template of each spec). GeminiDB and DDS document the same method and path
// (POST /v3/{project_id}/instances/db-upgrade), so a handler that matches any origin must also
// decide which of the two services a request is for; `resolveSharedRoute` documents how.
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { instanceIdSuffixes } from "./seed-page.js";

/**
 * Where the mocked APIs live. A string applies to all four APIs; an object sets one base per API
 * (APIs left out match any origin). A base is either a full URL (`https://proxy.test/dds`: origin
 * and path prefix must match) or a path prefix (`/dds`: any origin). Default: any origin and any
 * prefix, i.e. whatever region or `baseUrl` the client uses.
 */
export type BaseUrlOption = string | Partial<Record<ApiName, string>>;

export interface OperationRoute {
  api: ApiName;
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/v3/{project_id}/instances/db-upgrade`. */
  path: string;
}

export interface RouteMatch {
  /** Path parameters, decoded; an empty string when the segment is empty (`/v3//instances/...`). */
  params: Record<string, string>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function operationRoutes(api: ApiName): OperationRoute[] {
  return Object.values(apiMeta[api].operations).map((op) => ({
    api,
    operationId: op.operationId,
    method: op.method,
    path: op.path,
  }));
}

/** `^(prefix)/v3/([^/]*)/instances/db-upgrade$`: group 1 is whatever precedes the spec path. */
function templateRegExp(path: string): RegExp {
  const parts = path.split(/\{[^}]+\}/);
  return new RegExp(`^(.*?)${parts.map(escapeRegExp).join("([^/]*)")}$`);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function normalizeBase(base: string): { origin?: string; prefix: string } {
  if (base.startsWith("/")) return { prefix: base.replace(/\/+$/, "") };
  const url = new URL(base);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, "") };
}

function baseFor(option: BaseUrlOption | undefined, api: ApiName): string | undefined {
  if (option === undefined) return undefined;
  return typeof option === "string" ? option : option[api];
}

function matchesBase(url: URL, prefix: string, base: string): boolean {
  const b = normalizeBase(base);
  return (b.origin === undefined || b.origin === url.origin) && prefix === b.prefix;
}

const endpointHosts = new Map<ApiName, Set<string>>(
  apiNames.map((api) => [api, new Set(Object.values(apiMeta[api].endpoints).map((e) => new URL(e).host))]),
);

/** The APIs that document the same method and path as this route, in `apiNames` order. */
export function apisSharingRoute(route: OperationRoute): ApiName[] {
  return apiNames.filter((api) => operationRoutes(api).some((r) => r.method === route.method && r.path === route.path));
}

async function firstInstanceId(request: Request): Promise<string | undefined> {
  // A GET names its instance in the query (`?id=` on the list APIs, `?instance_id=` on the task lists).
  const url = new URL(request.url);
  const inQuery = url.searchParams.get("id") ?? url.searchParams.get("instance_id");
  if (inQuery) return inQuery;
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  try {
    const body = (await request.clone().json()) as { instance_ids?: unknown };
    const first = Array.isArray(body?.instance_ids) ? body.instance_ids[0] : undefined;
    return typeof first === "string" ? first : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks the service of a request to a path several APIs share, trying in order:
 * 1. an API whose configured base URL matches the request;
 * 2. a path prefix whose last segment names an API (`http://127.0.0.1:4010/dds/v3/...`, the
 *    standalone server's layout);
 * 3. the host of one of the API's documented regional endpoints (`dds.<region>.myhuaweicloud.com`);
 * 4. the instance-id suffix of the first id in the body, or of the query's `id` / `instance_id`
 *    (`…in06`/`…in12`/`…in13` GeminiDB, `…in02` DDS);
 * 5. otherwise the first of them in `apiNames` order (GeminiDB).
 */
export async function resolveSharedRoute(
  sharers: readonly ApiName[],
  request: Request,
  url: URL,
  prefix: string,
  baseUrl: BaseUrlOption | undefined,
): Promise<ApiName> {
  for (const api of sharers) {
    const base = baseFor(baseUrl, api);
    if (base !== undefined && matchesBase(url, prefix, base)) return api;
  }
  const lastSegment = prefix.slice(prefix.lastIndexOf("/") + 1);
  const named = sharers.find((api) => api === lastSegment);
  if (named) return named;
  const byHost = sharers.find((api) => endpointHosts.get(api)!.has(url.host));
  if (byHost) return byHost;
  const id = await firstInstanceId(request);
  const bySuffix = id
    ? sharers.find((api) => instanceIdSuffixes(api).some((suffix) => id.endsWith(suffix)))
    : undefined;
  return bySuffix ?? sharers[0]!;
}

/** Matches a path against the spec's template exactly (no prefix) and decodes its parameters as routePredicate does. */
export function exactRouteMatcher(template: string): (path: string) => Record<string, string> | undefined {
  const pattern = new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(escapeRegExp)
      .join("([^/]*)")}$`,
  );
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((p) => p[1]!);
  return (path) => {
    const m = pattern.exec(path);
    if (!m) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decode(m[i + 1]!);
    });
    return params;
  };
}

/** A predicate for MSW's `http.*(predicate, resolver)`: matches the route and extracts path params. */
export function routePredicate(route: OperationRoute, baseUrl: BaseUrlOption | undefined) {
  const pattern = templateRegExp(route.path);
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((p) => p[1]!);
  const base = baseFor(baseUrl, route.api);
  const sharers = apisSharingRoute(route);
  return async ({ request }: { request: Request }): Promise<{ matches: boolean; params: Record<string, string> }> => {
    const none = { matches: false, params: {} };
    if (request.method !== route.method) return none;
    const url = new URL(request.url);
    const m = pattern.exec(url.pathname);
    if (!m) return none;
    const prefix = m[1]!;
    if (base !== undefined) {
      if (!matchesBase(url, prefix, base)) return none;
    } else if (sharers.length > 1) {
      if ((await resolveSharedRoute(sharers, request, url, prefix, baseUrl)) !== route.api) return none;
    }
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decode(m[i + 2]!);
    });
    return { matches: true, params };
  };
}
