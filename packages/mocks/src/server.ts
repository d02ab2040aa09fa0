// @dbupgrade/mocks/server: the same handlers and fleet behind a node:http server, one path prefix
// per service (http://127.0.0.1:4010/geminidb/v3/{project_id}/instances/db-upgrade, /taurusdb,
// /dds, /gaussdb), for any HTTP client: our client, curl, the official Huawei Cloud SDKs.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { getResponse, type RequestHandler } from "msw";
import { answerAdmin, answerRoot } from "./admin.js";
import { SIGNATURE_DEBUG_HEADER } from "./auth.js";
import { enforceConnectionCap } from "./connection-cap.js";
import { specErrors, undocumentedCodes } from "./errors.js";
import {
  answerRaw,
  ClientGone,
  loggable,
  loggablePath,
  parserRefusal,
  readBody,
  requestTargetProblem,
} from "./http-guards.js";
import { answerHeaders, createMockApi, directRoutes, type MockApi, type MockApiOptions } from "./mock-api.js";
import { createPrng } from "./prng.js";

export interface MockServerOptions extends Omit<MockApiOptions, "baseUrl"> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Larger request bodies get a 400 (with `Connection: close`). Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * How much of an oversized body is still read (and dropped) so that its 400 arrives intact once the
   * client has finished sending; past this the connection is closed right after the 400. Default 128 MiB.
   */
  maxDrainBytes?: number;
  /** Time to receive a request's headers; then 408 and the connection is closed. Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request (headers and body); then 408 and the connection is closed. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Larger request headers get a 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  /**
   * Connections open at once. At the cap a new client is served by closing a connection that has not
   * completed a request (oldest first), else an idle keep-alive one; when every connection is
   * answering a request, the new one is refused (closed at once). Default 256.
   */
  maxConnections?: number;
  /** Receives one line per request (method, path, status, time, request id; never headers, bodies or credentials). Default: no logging. */
  log?: ((line: string) => void) | false;
}

export interface RunningMockServer {
  /** `http://127.0.0.1:<port>`; the APIs live under `${url}/<api>`. */
  url: string;
  port: number;
  /** The base URL of one API, e.g. `http://127.0.0.1:4010/dds`. */
  baseUrlOf(api: ApiName): string;
  mock: MockApi;
  /** Prepends override handlers (like MSW's `server.use`). */
  use(...handlers: RequestHandler[]): void;
  /** Drops the handlers added with `use`. */
  resetHandlers(): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

const corsAllowedMethods = [
  ...new Set(apiNames.flatMap((api) => Object.values(apiMeta[api].operations).map((o) => o.method))),
  "OPTIONS",
].join(", ");

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Whether a response can still be written: nothing sent yet and the connection open. */
function answerable(res: ServerResponse): boolean {
  const socket = res.socket;
  return (
    !res.headersSent &&
    !res.writableEnded &&
    !res.destroyed &&
    socket !== null &&
    !socket.destroyed &&
    !socket.writableEnded
  );
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBodyBytes = positive("maxBodyBytes", options.maxBodyBytes ?? 1024 * 1024);
  const maxDrainBytes = options.maxDrainBytes ?? 128 * 1024 * 1024;
  if (!Number.isInteger(maxDrainBytes) || maxDrainBytes < 0)
    throw new RangeError("maxDrainBytes must be an integer >= 0");
  const headersTimeoutMs = positive("headersTimeoutMs", options.headersTimeoutMs ?? 10_000);
  const requestTimeoutMs = positive("requestTimeoutMs", options.requestTimeoutMs ?? 30_000);
  if (headersTimeoutMs > requestTimeoutMs) throw new RangeError("headersTimeoutMs must not exceed requestTimeoutMs");
  const maxHeaderBytes = positive("maxHeaderBytes", options.maxHeaderBytes ?? 16 * 1024);
  const maxConnections = positive("maxConnections", options.maxConnections ?? 256);
  const log = options.log || undefined;
  if (options.debugSignatures && !loopbackHosts.has(host)) {
    throw new Error(
      `debugSignatures is for a mock on this machine only: host must be 127.0.0.1, ::1 or localhost, not ${host}`,
    );
  }
  // The signature debug header only exists with `debugSignatures` (the docs console reads it cross-origin).
  const exposedHeaders = options.debugSignatures ? `X-Request-Id, ${SIGNATURE_DEBUG_HEADER}` : "X-Request-Id";
  const prefixes = Object.fromEntries(apiNames.map((api) => [api, `/${api}`])) as Record<ApiName, string>;
  const mock = createMockApi({ ...options, baseUrl: prefixes });
  // Never in a log line, whatever a client puts where.
  const secrets = mock.credentials ? Object.values(mock.credentials) : [];
  const serverIds = createPrng(options.seed ?? 1, "server-request-ids");
  const baseUrlOf = (api: ApiName) => `${url}${prefixes[api]}`;
  const parameterError = (details: string) => ({
    error_code: specErrors().parameterError.error_code,
    error_msg: `${specErrors().parameterError.error_msg}: ${details}`,
  });
  let extra: RequestHandler[] = [];
  const router = directRoutes.get(mock)!;
  const directAnswerFor = (pathname: string, method: string) => {
    const slash = pathname.indexOf("/", 1);
    const api = pathname.slice(1, slash);
    return slash > 1 && (apiNames as readonly string[]).includes(api)
      ? router(api as ApiName, method, pathname.slice(slash))
      : undefined;
  };
  const serverOrigin = () =>
    `http://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  let url = "";

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    requestId: string,
    close = false,
    extra: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      "X-Request-Id": requestId,
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": exposedHeaders,
      ...(close ? { Connection: "close" } : {}),
      ...extra,
    });
    res.end(text);
  };

  const refuseOversized = (res: ServerResponse): string => {
    const requestId = serverIds.hex(32);
    send(res, 400, parameterError(`body is larger than ${maxBodyBytes} bytes`), requestId, true);
    return requestId;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      // A browser's CORS preflight (the docs site calls the server from another origin).
      const requested = String(req.headers["access-control-request-headers"] ?? "");
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": corsAllowedMethods,
        "Access-Control-Allow-Headers": /^[\w\-, ]*$/.test(requested) ? requested : "",
        "Access-Control-Max-Age": "600",
      });
      res.end();
      return "preflight";
    }

    const received = await readBody(req, maxBodyBytes, maxDrainBytes);
    // Sent once the client has finished sending (or past maxDrainBytes); Node closes the
    // connection after the answer is flushed (Connection: close).
    if (received.kind === "too-large") return refuseOversized(res);
    const bytes = received.bytes;

    // What a fetch Request cannot represent gets its answer here: TRACE/CONNECT, a Host with credentials.
    const problem = requestTargetProblem(req.method, req.headers.host, corsAllowedMethods);
    if (problem) {
      const requestId = serverIds.hex(32);
      const answer =
        problem.status === 405
          ? {
              error_code: undocumentedCodes.apiNotFound,
              error_msg: `The API does not exist or has not been published in the environment: ${problem.message}.`,
              request_id: requestId,
            }
          : parameterError(problem.message);
      send(res, problem.status, answer, requestId, true, problem.allow ? { Allow: problem.allow } : {});
      return requestId;
    }

    let url: URL;
    try {
      url = new URL(req.url ?? "/", `http://${req.headers.host ?? ""}`);
    } catch {
      url = new URL(req.url?.startsWith("/") ? req.url : "/", serverOrigin());
    }
    const method = req.method ?? "GET";
    const own =
      url.pathname === "/" && (method === "GET" || method === "HEAD")
        ? answerRoot(req, baseUrlOf)
        : answerAdmin(mock, req, url.pathname, bytes);
    if (own) {
      res.writeHead(own.status, {
        "Content-Type": own.contentType,
        "Content-Length": Buffer.byteLength(own.body),
        ...own.headers,
      });
      res.end(method === "HEAD" ? undefined : own.body);
      return "-";
    }
    // Anything fetch's Headers or Request refuses (a header value it cannot carry, ...): the client's fault.
    const refuseUnreadable = (): string => {
      const requestId = serverIds.hex(32);
      send(res, 400, parameterError("the request cannot be read as an HTTP request of these APIs"), requestId, true);
      return requestId;
    };
    let requestHeaders: Headers;
    try {
      requestHeaders = headersOf(req);
    } catch {
      return refuseUnreadable();
    }
    // A fetch Request refuses a URL with credentials (an absolute-form target can carry them): so does the fast path.
    if (url.username !== "" || url.password !== "") return refuseUnreadable();
    // Fast path: the prefix names the API and the spec route is exact, so the route's handler answers
    // from the bytes read, without a fetch Request or Response. With overrides installed (use()), MSW
    // picks among them as usual. Both write the same status, headers and bytes.
    const direct = extra.length === 0 ? directAnswerFor(url.pathname, method) : undefined;
    if (direct) {
      const answer = await direct({ method, url: url.href, headers: requestHeaders, bytes });
      if (answer === null) {
        // A scenario's connection reset: no answer at all, as on the MSW path.
        (req.socket ?? res.socket)?.destroy();
        res.destroy();
        return "network-error";
      }
      const headers: Record<string, string> = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": exposedHeaders,
      };
      // Header order and case as the MSW path writes them (a Response's headers iterate sorted, lower case).
      for (const [name, value] of answerHeaders(answer)) headers[name] = value;
      res.writeHead(answer.status, headers);
      res.end(answer.bytes);
      return answer.requestId;
    }
    let request: Request;
    try {
      request = new Request(url, {
        method,
        headers: requestHeaders,
        ...(method === "GET" || method === "HEAD" ? {} : { body: bytes }),
      });
    } catch {
      return refuseUnreadable();
    }
    const response = await getResponse([...extra, ...mock.handlers], request);
    if (!response) {
      const requestId = serverIds.hex(32);
      send(
        res,
        404,
        {
          error_code: undocumentedCodes.apiNotFound,
          error_msg: "The API does not exist or has not been published in the environment.",
          request_id: requestId,
        },
        requestId,
      );
      return requestId;
    }
    if (response.type === "error") {
      // The networkError preset: no answer at all, as when a connection drops.
      (req.socket ?? res.socket)?.destroy();
      res.destroy();
      return "network-error";
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": exposedHeaders,
    };
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return response.headers.get("x-request-id") ?? "";
  };

  // The response in progress on each connection, so a parser error does not write over one.
  const inFlight = new WeakMap<Socket, ServerResponse>();
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      maxHeaderSize: maxHeaderBytes,
      // How often Node looks for connections past their timeouts (its default, 30 s, would let a
      // trickling client hold its socket for up to twice the timeout).
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
    (req, res) => {
      const started = performance.now();
      inFlight.set(req.socket, res);
      handle(req, res)
        .then((requestId) => {
          log?.(
            `${req.method} ${loggablePath(req.url, secrets)} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms ${requestId}`,
          );
        })
        .catch((error: unknown) => {
          // The handlers answer their own errors; this is the adapter failing (a client gone mid-body, a bug).
          const gone = error instanceof ClientGone;
          log?.(
            `${req.method} ${loggablePath(req.url, secrets)} failed: ${loggable(gone ? error.message : ((error as Error)?.message ?? String(error)), secrets)}`,
          );
          if (!gone && answerable(res)) {
            const internal = specErrors().internal;
            const requestId = serverIds.hex(32);
            send(res, 500, { error_code: internal.error_code, error_msg: internal.error_msg }, requestId, true);
          } else if (!res.writableEnded) {
            res.destroy(); // nobody left to answer, or an answer already under way
          }
        })
        .finally(() => {
          if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
        });
    },
  );
  server.keepAliveTimeout = 5_000;
  // At the cap a new client is served by closing a slow connection (stalled ones first, oldest first;
  // never one answering a request); only when every connection is answering is the new one refused.
  enforceConnectionCap(server, {
    maxConnections,
    onShed: (phase) => log?.(`connection closed to make room: ${maxConnections} connections open, this one ${phase}`),
    onRefused: () => log?.(`connection refused: ${maxConnections} connections open, all answering (maxConnections)`),
  });
  // A connection that neither sends nor reads for this long is closed (a client that never reads its answers).
  server.setTimeout(2 * requestTimeoutMs);
  // `Expect: 100-continue` (curl does it for bodies over 1 MB): a declared body over the limit is
  // refused before the client sends it, so nothing is left unread when the connection closes.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      const requestId = refuseOversized(res);
      log?.(`${req.method} ${loggablePath(req.url, secrets)} ${res.statusCode} (before 100 Continue) ${requestId}`);
      return;
    }
    res.writeContinue();
    server.emit("request", req, res);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // Requests Node's parser refuses (not HTTP, headers too large, too slow): answer with the status
    // that says why, unless an answer is already under way, then close the connection.
    const refusal = parserRefusal(error.code, { requestTimeoutMs, maxHeaderBytes });
    log?.(`request refused (${refusal.status}): ${loggable(error.code ?? error.message, secrets)}`);
    const response = inFlight.get(socket);
    if (socket.destroyed || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = serverIds.hex(32);
    answerRaw(socket, refusal.status, parameterError(refusal.message), { "X-Request-Id": requestId });
  });
  // CONNECT never reaches the request handler: answer it like TRACE.
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    const requestId = serverIds.hex(32);
    answerRaw(
      socket,
      405,
      {
        error_code: undocumentedCodes.apiNotFound,
        error_msg:
          "The API does not exist or has not been published in the environment: method CONNECT is not allowed.",
        request_id: requestId,
      },
      { "X-Request-Id": requestId, Allow: corsAllowedMethods },
    );
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(options.port ?? 4010, host);
  });
  server.on("error", (error) => log?.(`server error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    baseUrlOf,
    mock,
    use(...handlers) {
      extra = [...handlers, ...extra];
    },
    resetHandlers() {
      extra = [];
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
