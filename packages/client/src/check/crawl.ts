// Calls every read-only operation of one service the way a planner would: instance lists page by
// page, per-instance operations for the instances listed, job and task lists over a recent window.
// What to send is derived from each operation's parameters in the metadata; an operation whose
// input cannot be derived (a job id, a task id) is not called and says why. Never a write: only
// the operations of `readOperations()` are ever looked up on the client.
import type { ApiName } from "@dbupgrade/meta";
import { createSpecValidator, type SpecValidator } from "@dbupgrade/specs/validation";
import { isInstanceList, readOperations, type ReadOperation } from "./read-operations.js";

/** A client built by this package (`createDdsClient`, ...): its operation methods are called by name. */
export interface CheckClient {
  readonly api: ApiName;
  readonly projectId: string;
}

/** What was sent: the parameters besides `project_id`, and the body of a read-only POST. */
export interface ExchangeRequest {
  path: Record<string, string>;
  query: Record<string, string | number>;
  body?: unknown;
}

/** One call and its answer (or why there was none). */
export interface Exchange {
  api: ApiName;
  operationId: string;
  method: "GET" | "POST";
  path: string;
  request: ExchangeRequest;
  /** The HTTP status; absent when no answer arrived (`failure` says why). */
  status?: number;
  /** The parsed JSON body (success or error); absent when the answer had none. */
  body?: unknown;
  /** The answer's headers (kept in memory for validation; a recording stores only `requestId`). */
  headers?: Record<string, string>;
  requestId?: string;
  /** A call that got no usable answer: network, timeout, an unreadable body. */
  failure?: string;
}

/** An operation that was not called, and why. */
export interface NotExercised {
  api: ApiName;
  operationId: string;
  reason: string;
}

export interface CrawlOptions {
  /** Per-instance operations are called for at most this many instances (the first listed). Default 100. */
  maxInstances?: number;
  /** Job and task lists are read over the last `windowDays` days (the APIs allow up to 30). Default 7. */
  windowDays?: number;
  /** At most this many pages per list. Default 50. */
  maxPages?: number;
  /** Job ids for an operation that needs one (DDS `showJobDetail`): none is called without. */
  jobIds?: readonly string[];
  now?: () => Date;
  signal?: AbortSignal;
  /** Per-call timeout. Default: the client's. */
  timeoutMs?: number;
  /** Called after each call (progress). */
  onExchange?: (exchange: Exchange) => void;
}

export interface CrawlResult {
  api: ApiName;
  exchanges: Exchange[];
  notExercised: NotExercised[];
}

type Call = (first: unknown, init?: { signal?: AbortSignal; timeoutMs?: number }) => Promise<unknown>;

let validator: SpecValidator | undefined;
const specValidator = () => (validator ??= createSpecValidator());

/** `2024-11-17T01:47:20+0000`: the job APIs' time form, in UTC. */
export function formatQueryTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

/** The largest page size among the usual ones that the spec accepts for this operation's `limit`. */
function pageSize(op: ReadOperation): string | number | undefined {
  const limit = op.queryParams.find((q) => q.name === "limit");
  if (!limit) return undefined;
  for (const size of [100, 50, 20, 10]) {
    const valid = specValidator().validateParameters(op.api, op.operationId, { query: { limit: String(size) } });
    if (valid.issues.every((i) => i.location !== "query.limit")) return limit.type === "string" ? String(size) : size;
  }
  return undefined;
}

/** The rows of a list answer: its first array of objects. */
function rowsOf(body: unknown): Record<string, unknown>[] | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  for (const value of Object.values(body)) {
    if (Array.isArray(value) && value.every((v) => v !== null && typeof v === "object")) {
      return value as Record<string, unknown>[];
    }
  }
  return undefined;
}

function totalOf(body: unknown): number | undefined {
  const total = (body as { total_count?: unknown } | null)?.total_count;
  const n = typeof total === "string" ? Number(total) : total;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

type CallPlan = { skip: string } | { list: Record<string, string | number> } | { requests: ExchangeRequest[] };

/**
 * What to send to one operation, from its parameters in the metadata: a list (paged, over the time
 * window when it takes one), one request per known instance or job, or nothing and why.
 */
function inputsFor(
  op: ReadOperation,
  known: { instanceIds: readonly string[]; jobIds?: readonly string[] | undefined; now: Date; windowDays: number },
): CallPlan {
  const pathParams = op.pathParams.filter((p) => p !== "project_id");
  const requiredQuery = op.queryParams.filter((q) => q.required).map((q) => q.name);
  const others = pathParams.filter((p) => p !== "instance_id");
  if (others.length > 0) return { skip: `needs ${others.join(", ")}, which no read operation lists` };
  if (pathParams.includes("instance_id")) {
    if (known.instanceIds.length === 0) return { skip: "no instance listed" };
    return { requests: known.instanceIds.map((id) => ({ path: { instance_id: id }, query: {} })) };
  }
  if (op.method === "POST") {
    // A body of instance ids alone (required or not: the /v3.1 candidate query requires nothing).
    const required = op.requiredBodyFields.filter((f) => f !== "instance_ids");
    if (!op.bodyFields.includes("instance_ids") || required.length > 0)
      return { skip: `needs a body with ${op.requiredBodyFields.join(", ")}` };
    if (known.instanceIds.length === 0) return { skip: "no instance listed" };
    // One instance per request: each answer then belongs to one instance (a recording seeds a fleet from it).
    return { requests: known.instanceIds.map((id) => ({ path: {}, query: {}, body: { instance_ids: [id] } })) };
  }
  if (requiredQuery.length > 0) {
    if (requiredQuery.length === 1 && requiredQuery[0] === "id" && known.jobIds?.length)
      return { requests: known.jobIds.map((id) => ({ path: {}, query: { id } })) };
    return { skip: `needs ${requiredQuery.join(", ")} (pass jobIds to call it)` };
  }
  const window: Record<string, string> = {};
  if (op.queryParams.some((q) => q.name === "start_time") && op.queryParams.some((q) => q.name === "end_time")) {
    window.start_time = formatQueryTime(new Date(known.now.getTime() - known.windowDays * 86_400_000));
    window.end_time = formatQueryTime(known.now);
  }
  return { list: window };
}

export async function crawlService(client: CheckClient, options: CrawlOptions = {}): Promise<CrawlResult> {
  const api = client.api;
  const maxInstances = options.maxInstances ?? 100;
  const maxPages = options.maxPages ?? 50;
  const windowDays = options.windowDays ?? 7;
  if (!(windowDays > 0 && windowDays <= 30)) throw new RangeError("windowDays must be within 1..30");
  const now = (options.now ?? (() => new Date()))();
  const exchanges: Exchange[] = [];
  const notExercised: NotExercised[] = [];
  const instanceIds: string[] = [];

  const call = async (op: ReadOperation, request: ExchangeRequest): Promise<Exchange> => {
    const method = (client as unknown as Record<string, Call | undefined>)[op.operationId];
    if (typeof method !== "function") throw new TypeError(`${api} client has no ${op.operationId}`);
    const exchange: Exchange = { api, operationId: op.operationId, method: op.method, path: op.path, request };
    const first =
      op.method === "POST"
        ? request.body
        : {
            ...(Object.keys(request.path).length ? { path: request.path } : {}),
            ...(Object.keys(request.query).length ? { query: request.query } : {}),
          };
    try {
      const result = (await method(first, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      })) as { data?: unknown; error?: unknown; response: Response };
      exchange.status = result.response.status;
      const body = result.data ?? result.error;
      if (body !== undefined) exchange.body = body;
      exchange.headers = Object.fromEntries(result.response.headers);
      const requestId = result.response.headers.get("X-Request-Id");
      if (requestId) exchange.requestId = requestId;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      exchange.failure = error instanceof Error ? error.message : String(error);
    }
    exchanges.push(exchange);
    options.onExchange?.(exchange);
    return exchange;
  };

  /** Calls a list page by page (when it pages) and returns every row. */
  const list = async (op: ReadOperation, query: Record<string, string | number>) => {
    const size = pageSize(op);
    const pages = op.queryParams.some((q) => q.name === "offset") && size !== undefined;
    const rows: Record<string, unknown>[] = [];
    for (let page = 0, offset = 0; page < (pages ? maxPages : 1); page++) {
      const paging: Record<string, string | number> = pages
        ? { offset: typeof size === "string" ? String(offset) : offset, limit: size }
        : {};
      const exchange = await call(op, { path: {}, query: { ...query, ...paging } });
      const found = exchange.status !== undefined && exchange.status < 300 ? rowsOf(exchange.body) : undefined;
      if (!found) break;
      rows.push(...found);
      offset += found.length;
      const total = totalOf(exchange.body);
      if (found.length === 0 || (total !== undefined ? offset >= total : found.length < Number(size))) break;
    }
    return rows;
  };

  const operations = readOperations(api);
  // Instance lists first: their ids feed the per-instance operations.
  const ordered = [...operations.filter(isInstanceList), ...operations.filter((op) => !isInstanceList(op))];
  for (const op of ordered) {
    const plan = inputsFor(op, { ...options, instanceIds: instanceIds.slice(0, maxInstances), now, windowDays });
    if ("skip" in plan) notExercised.push({ api, operationId: op.operationId, reason: plan.skip });
    else if ("list" in plan) {
      const rows = await list(op, plan.list);
      if (isInstanceList(op)) {
        for (const row of rows)
          if (typeof row.id === "string" && !instanceIds.includes(row.id)) instanceIds.push(row.id);
      }
    } else for (const request of plan.requests) await call(op, request);
  }
  return { api, exchanges, notExercised };
}
