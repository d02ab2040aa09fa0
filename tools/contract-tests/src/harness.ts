// What the contract tests stand on: a standalone mock server on a free loopback port, clients of
// all four APIs pointed at it, and the spec facts to hold them to.
import { createDbUpgradeClients, type DbUpgradeClients } from "@dbupgrade/client";
import { defaultMockCredentials, seedPageInstances, type Fleet } from "@dbupgrade/mocks";
import { startMockServer, type MockServerOptions, type RunningMockServer } from "@dbupgrade/mocks/server";
import { apiDocuments, type ApiName } from "@dbupgrade/specs";

export const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
export const credentials = defaultMockCredentials;

export async function startServer(seed = 7, options: MockServerOptions = {}): Promise<RunningMockServer> {
  return startMockServer({ port: 0, host: "127.0.0.1", seed, log: false, ...options });
}

export type AuthKind = "token" | "aksk";

export function clientsFor(
  server: RunningMockServer,
  auth: AuthKind = "token",
  extra: { timeoutMs?: number } = {},
): DbUpgradeClients {
  return createDbUpgradeClients({
    baseUrl: (api) => server.baseUrlOf(api),
    projectId,
    auth:
      auth === "token"
        ? { token: credentials.token }
        : { accessKey: credentials.accessKey, secretKey: credentials.secretKey },
    ...extra,
  });
}

/** Calls an operation by its spec operationId: the client has one method per operation. */
export function callOperation(clients: DbUpgradeClients, api: ApiName, operationId: string, body: unknown) {
  const client = clients[api] as unknown as Record<
    string,
    (body: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>
  >;
  const method = client[operationId];
  if (typeof method !== "function") throw new Error(`the ${api} client has no method ${operationId}`);
  return method.call(client, body);
}

/** The spec's first named request example of an operation. */
export function firstRequestExample(api: ApiName, operationId: string): unknown {
  for (const item of Object.values<any>((apiDocuments[api] as any).paths)) {
    for (const op of Object.values<any>(item)) {
      if (op?.operationId !== operationId) continue;
      const media = Object.values<any>(op.requestBody.content)[0];
      return Object.values<any>(media.examples)[0].value;
    }
  }
  throw new Error(`no request example for ${api}.${operationId}`);
}

export function headersObject(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers.entries());
}

/** The parameter examples of an operation, by location (path, query): a documented request without a body. */
export function exampleParameters(
  api: ApiName,
  operationId: string,
): { path: Record<string, string>; query: Record<string, string> } {
  const doc = apiDocuments[api] as any;
  const deref = (node: any): any =>
    node?.$ref
      ? deref(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((o: any, k: string) => o[k], doc),
        )
      : node;
  for (const item of Object.values<any>(doc.paths)) {
    for (const op of Object.values<any>(item)) {
      if (op?.operationId !== operationId) continue;
      const out = { path: { project_id: projectId } as Record<string, string>, query: {} as Record<string, string> };
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) {
        if (p.example !== undefined && (p.in === "path" || p.in === "query") && p.name !== "project_id")
          out[p.in as "path" | "query"][p.name] = String(p.example);
      }
      return out;
    }
  }
  throw new Error(`no operation ${api}.${operationId}`);
}

/** `base` + the operation's path with its parameters filled in + the query string. */
export function operationUrl(
  base: string,
  path: string,
  parts: { path: Record<string, string>; query?: Record<string, string> },
): string {
  const url = new URL(
    base + path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name] ?? "")),
  );
  for (const [k, v] of Object.entries(parts.query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Starts the upgrade of every available instance of the API's seed page (the instances the spec
 * examples name), an hour ahead: their first jobs take the ids the upgrade examples show, which
 * the follow operations' samples ask for, and are still cancellable.
 */
export function scheduleSeedUpgrades(fleet: Fleet, api: ApiName): void {
  const seedIds = new Set(seedPageInstances(api).map((s) => s.id));
  for (const instance of fleet.instances(api, { status: "available" })) {
    if (seedIds.has(instance.id)) fleet.startUpgrade(api, instance.id, { startsAfterMs: 3_600_000 });
  }
}
