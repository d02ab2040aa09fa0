// What `check` and `record` share: the services asked for, one client each (same credentials), and
// a crawl of each service's read-only operations. Only @dbupgrade/client/check decides what is called.
import { upgradeServices } from "@dbupgrade/client";
import { crawlService, type CheckClient, type CrawlOptions, type CrawlResult } from "@dbupgrade/client/check";
import { resolveConnection, type Connection, type ConnectionFlags } from "../config.js";
import { usageError } from "../errors.js";
import type { Io } from "../io.js";
import { SERVICES, type ServiceName } from "../service-names.js";
import { REQUEST_TIMEOUT_MS } from "../services.js";
import type { Terminal } from "../terminal.js";

export interface CrawlFlags extends ConnectionFlags {
  service?: string;
  allServices?: boolean;
  maxInstances?: string;
  windowDays?: string;
}

export function servicesOf(flags: CrawlFlags): ServiceName[] {
  if (flags.allServices) return [...SERVICES];
  if (flags.service === undefined) throw usageError(`--service (${SERVICES.join(", ")}) or --all-services is required`);
  return [flags.service as ServiceName];
}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw usageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return Number(value);
}

export function crawlOptions(flags: CrawlFlags, signal: AbortSignal): CrawlOptions {
  const maxInstances = integerFlag("max-instances", flags.maxInstances, 1, 100_000);
  const windowDays = integerFlag("window-days", flags.windowDays, 1, 30);
  return {
    signal,
    timeoutMs: REQUEST_TIMEOUT_MS,
    ...(maxInstances !== undefined ? { maxInstances } : {}),
    ...(windowDays !== undefined ? { windowDays } : {}),
  };
}

/**
 * The connection of one service. With --all-services, an --endpoint names every service's URL with
 * `{service}` in it (a mock serves them under /geminidb, /dds, ...).
 */
export function connectionOf(io: Io, service: ServiceName, flags: CrawlFlags, terminal: Terminal): Connection {
  const many = flags.allServices === true;
  if (many && flags.endpoint !== undefined && !flags.endpoint.includes("{service}"))
    throw usageError("with --all-services, --endpoint must contain {service}, e.g. http://127.0.0.1:4010/{service}");
  const endpoint = flags.endpoint?.replaceAll("{service}", service);
  return resolveConnection(service, { ...flags, endpoint }, io.env, io.scrubber, terminal.note);
}

export function clientOf(service: ServiceName, connection: Connection): CheckClient {
  const endpoint =
    connection.endpoint !== undefined ? { baseUrl: connection.endpoint } : { region: connection.region! };
  try {
    return upgradeServices[service].createClient({
      ...endpoint,
      projectId: connection.projectId,
      auth: connection.auth,
    });
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw usageError(error.message);
    throw error;
  }
}

/** The secrets and the project id of a connection: what redaction must remove. */
export function redactionOf(connection: Connection, keepNames = false) {
  const auth = connection.auth as { token?: string; accessKey?: string; secretKey?: string; securityToken?: string };
  return {
    projectId: connection.projectId,
    secrets: [auth.token, auth.accessKey, auth.secretKey, auth.securityToken],
    keepNames,
  };
}

export async function crawlAll(
  io: Io,
  flags: CrawlFlags,
  terminal: Terminal,
  signal: AbortSignal,
): Promise<{ crawls: CrawlResult[]; connections: Connection[] }> {
  const crawls: CrawlResult[] = [];
  const connections: Connection[] = [];
  const options = crawlOptions(flags, signal);
  for (const service of servicesOf(flags)) {
    const connection = connectionOf(io, service, flags, terminal);
    connections.push(connection);
    const client = clientOf(service, connection);
    let calls = 0;
    terminal.note(`${service}: reading (only GET and read-only POST operations)…`);
    crawls.push(
      await crawlService(client, {
        ...options,
        onExchange: (e) => {
          calls++;
          terminal.debug(`${service}: ${e.method} ${e.operationId} → ${e.status ?? e.failure ?? "no answer"}`);
        },
      }),
    );
    terminal.debug(`${service}: ${calls} requests`);
  }
  return { crawls, connections };
}
