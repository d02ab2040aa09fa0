// @dbupgrade/mocks/server: the same handlers and fleet behind a node:http server, one path prefix
// per service (http://127.0.0.1:4010/geminidb/v3/{project_id}/instances/db-upgrade, /taurusdb,
// /dds, /gaussdb), for any HTTP client: our client, curl, the official Huawei Cloud SDKs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { getResponse, type RequestHandler } from "msw";
import { answerAdmin, answerRoot } from "./admin.js";
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
import { answerHeaders, createMockCore, type DirectRouter, type MockApi, type MockApiOptions } from "./mock-api.js";
import { createPrng, type Prng } from "./prng.js";
import { type ServerSettings, serverSettings } from "./server-settings.js";

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

/** Drops a connection without an answer (a scenario's connection reset, MSW's networkError). */
function dropConnection(req: IncomingMessage, res: ServerResponse): string {
  (req.socket ?? res.socket)?.destroy();
  res.destroy();
  return "network-error";
}

const apiNotFound = (details = "") => ({
  error_code: undocumentedCodes.apiNotFound,
  error_msg: `The API does not exist or has not been published in the environment${details ? `: ${details}` : ""}.`,
});

function parameterError(details: string) {
  return {
    error_code: specErrors().parameterError.error_code,
    error_msg: `${specErrors().parameterError.error_msg}: ${details}`,
  };
}

/** One request on its way through the pipeline, once its body is read. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  bytes: Uint8Array<ArrayBuffer>;
  /** Set by the `parseHeaders` step. */
  headers?: Headers;
}

/** A pipeline step's result: the request id of the answer it wrote (the request is done), or undefined (next step). */
type Answered = string | undefined;

/**
 * The server engine. A request goes through named steps, in order, until one answers it:
 * preflight → read body → guard target → own pages → parse headers → direct route → MSW → log.
 * Its state (the mock, the override handlers, the request id source, the responses in flight) is private.
 */
class MockHttpServer {
  readonly mock: MockApi;
  readonly #settings: ServerSettings;
  readonly #route: DirectRouter;
  readonly #prefixes = Object.fromEntries(apiNames.map((api) => [api, `/${api}`])) as Record<ApiName, string>;
  /** Never in a log line, whatever a client puts where. */
  readonly #secrets: readonly string[];
  readonly #ids: Prng;
  readonly #server: Server;
  /** The response in progress on each connection, so a parser error does not write over one. */
  readonly #inFlight = new WeakMap<Socket, ServerResponse>();
  /** Handlers added with `use()`, first match wins. */
  #overrides: RequestHandler[] = [];
  #url = "";

  constructor(options: MockServerOptions) {
    this.#settings = serverSettings(options);
    const core = createMockCore({ ...options, baseUrl: this.#prefixes });
    this.mock = core.api;
    this.#route = core.route;
    this.#secrets = this.mock.credentials ? Object.values(this.mock.credentials) : [];
    this.#ids = createPrng(options.seed ?? 1, "server-request-ids");
    this.#server = this.#createNodeServer();
  }

  get url(): string {
    return this.#url;
  }

  baseUrlOf(api: ApiName): string {
    return `${this.#url}${this.#prefixes[api]}`;
  }

  use(handlers: RequestHandler[]): void {
    this.#overrides = [...handlers, ...this.#overrides];
  }

  resetHandlers(): void {
    this.#overrides = [];
  }

  async listen(): Promise<number> {
    const server = this.#server;
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
      server.listen(this.#settings.port, this.#settings.host);
    });
    server.on("error", (error) => this.#log(`server error: ${error.message}`));
    this.#url = this.#origin();
    return (server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
  }

  #log(line: string): void {
    this.#settings.log?.(line);
  }

  #origin(): string {
    const { host } = this.#settings;
    return `http://${host.includes(":") ? `[${host}]` : host}:${(this.#server.address() as AddressInfo).port}`;
  }

  #createNodeServer(): Server {
    const { headersTimeoutMs, requestTimeoutMs, maxHeaderBytes, maxConnections } = this.#settings;
    const server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        maxHeaderSize: maxHeaderBytes,
        // How often Node looks for connections past their timeouts (its default, 30 s, would let a
        // trickling client hold its socket for up to twice the timeout).
        connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
      },
      (req, res) => this.#serve(req, res),
    );
    server.keepAliveTimeout = 5_000;
    // At the cap a new client is served by closing a slow connection (stalled ones first, oldest first;
    // never one answering a request); only when every connection is answering is the new one refused.
    enforceConnectionCap(server, {
      maxConnections,
      onShed: (phase) =>
        this.#log(`connection closed to make room: ${maxConnections} connections open, this one ${phase}`),
      onRefused: () =>
        this.#log(`connection refused: ${maxConnections} connections open, all answering (maxConnections)`),
    });
    // A connection that neither sends nor reads for this long is closed (a client that never reads its answers).
    server.setTimeout(2 * requestTimeoutMs);
    server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => this.#checkContinue(req, res));
    server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => this.#refuseUnparsed(error, socket));
    server.on("connect", (_req: IncomingMessage, socket: Socket) => this.#refuseConnect(socket));
    return server;
  }

  /** One request: the pipeline, then the log line (or the answer to the adapter failing). */
  #serve(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    this.#inFlight.set(req.socket, res);
    this.#pipeline(req, res)
      .then((requestId) => {
        this.#log(
          `${req.method} ${loggablePath(req.url, this.#secrets)} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms ${requestId}`,
        );
      })
      .catch((error: unknown) => this.#answerFailure(req, res, error))
      .finally(() => {
        if (this.#inFlight.get(req.socket) === res) this.#inFlight.delete(req.socket);
      });
  }

  async #pipeline(req: IncomingMessage, res: ServerResponse): Promise<string> {
    const preflight = this.#answerPreflight(req, res);
    if (preflight) return preflight;
    const received = await readBody(req, this.#settings.maxBodyBytes, this.#settings.maxDrainBytes);
    // Sent once the client has finished sending (or past maxDrainBytes); Node closes the
    // connection after the answer is flushed (Connection: close).
    if (received.kind === "too-large") return this.#refuseOversized(res);
    const guarded = this.#guardTarget(req, res);
    if (guarded) return guarded;
    const exchange: Exchange = { req, res, method: req.method ?? "GET", url: this.#urlOf(req), bytes: received.bytes };
    return (
      this.#answerOwnPage(exchange) ??
      this.#parseHeaders(exchange) ??
      (await this.#answerDirect(exchange)) ??
      (await this.#answerViaMsw(exchange))
    );
  }

  /** A browser's CORS preflight (the docs site calls the server from another origin). */
  #answerPreflight(req: IncomingMessage, res: ServerResponse): Answered {
    if (req.method !== "OPTIONS" || !req.headers["access-control-request-method"]) return undefined;
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

  /** What a fetch Request cannot represent gets its answer here: TRACE/CONNECT, a Host with credentials. */
  #guardTarget(req: IncomingMessage, res: ServerResponse): Answered {
    const problem = requestTargetProblem(req.method, req.headers.host, corsAllowedMethods);
    if (!problem) return undefined;
    const requestId = this.#ids.hex(32);
    const answer =
      problem.status === 405
        ? { ...apiNotFound(problem.message), request_id: requestId }
        : parameterError(problem.message);
    this.#send(res, problem.status, answer, requestId, true, problem.allow ? { Allow: problem.allow } : {});
    return requestId;
  }

  #urlOf(req: IncomingMessage): URL {
    try {
      return new URL(req.url ?? "/", `http://${req.headers.host ?? ""}`);
    } catch {
      return new URL(req.url?.startsWith("/") ? req.url : "/", this.#origin());
    }
  }

  /** The server's own pages: the root's description and the admin endpoints. */
  #answerOwnPage({ req, res, method, url, bytes }: Exchange): Answered {
    const own =
      url.pathname === "/" && (method === "GET" || method === "HEAD")
        ? answerRoot(req, (api) => this.baseUrlOf(api))
        : answerAdmin(this.mock, req, url.pathname, bytes);
    if (!own) return undefined;
    res.writeHead(own.status, {
      "Content-Type": own.contentType,
      "Content-Length": Buffer.byteLength(own.body),
      ...own.headers,
    });
    res.end(method === "HEAD" ? undefined : own.body);
    return "-";
  }

  /** The request's headers as fetch reads them; what fetch refuses (a value it cannot carry, a URL with credentials) is the client's fault. */
  #parseHeaders(exchange: Exchange): Answered {
    try {
      exchange.headers = headersOf(exchange.req);
    } catch {
      return this.#refuseUnreadable(exchange.res);
    }
    // A fetch Request refuses a URL with credentials (an absolute-form target can carry them): so does the fast path.
    if (exchange.url.username !== "" || exchange.url.password !== "") return this.#refuseUnreadable(exchange.res);
    return undefined;
  }

  /**
   * Fast path: the prefix names the API and the spec route is exact, so the route's handler answers
   * from the bytes read, without a fetch Request or Response. With overrides installed (use()), MSW
   * picks among them as usual. Both write the same status, headers and bytes.
   */
  async #answerDirect({ req, res, method, url, headers, bytes }: Exchange): Promise<Answered> {
    if (this.#overrides.length > 0) return undefined;
    const slash = url.pathname.indexOf("/", 1);
    const api = url.pathname.slice(1, slash);
    if (!(slash > 1 && (apiNames as readonly string[]).includes(api))) return undefined;
    const direct = this.#route(api as ApiName, method, url.pathname.slice(slash));
    if (!direct) return undefined;
    const answer = await direct({ method, url: url.href, headers: headers!, bytes });
    // A scenario's connection reset: no answer at all, as on the MSW path.
    if (answer === null) return dropConnection(req, res);
    const written: Record<string, string> = {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": this.#settings.exposedHeaders,
    };
    // Header order and case as the MSW path writes them (a Response's headers iterate sorted, lower case).
    for (const [name, value] of answerHeaders(answer)) written[name] = value;
    res.writeHead(answer.status, written);
    res.end(answer.bytes);
    return answer.requestId;
  }

  /** The overrides and the mock's handlers, as MSW picks among them; nobody answering is a 404. */
  async #answerViaMsw({ req, res, method, url, headers, bytes }: Exchange): Promise<string> {
    let request: Request;
    try {
      request = new Request(url, {
        method,
        headers: headers!,
        ...(method === "GET" || method === "HEAD" ? {} : { body: bytes }),
      });
    } catch {
      return this.#refuseUnreadable(res);
    }
    const response = await getResponse([...this.#overrides, ...this.mock.handlers], request);
    if (!response) {
      const requestId = this.#ids.hex(32);
      this.#send(res, 404, { ...apiNotFound(), request_id: requestId }, requestId);
      return requestId;
    }
    // The networkError preset: no answer at all, as when a connection drops.
    if (response.type === "error") return dropConnection(req, res);
    const body = Buffer.from(await response.arrayBuffer());
    const written: Record<string, string> = {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": this.#settings.exposedHeaders,
    };
    response.headers.forEach((value, name) => {
      written[name] = value;
    });
    written["content-length"] = String(body.length);
    res.writeHead(response.status, written);
    res.end(body);
    return response.headers.get("x-request-id") ?? "";
  }

  /** The handlers answer their own errors; this is the adapter failing (a client gone mid-body, a bug). */
  #answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const gone = error instanceof ClientGone;
    this.#log(
      `${req.method} ${loggablePath(req.url, this.#secrets)} failed: ${loggable(gone ? error.message : ((error as Error)?.message ?? String(error)), this.#secrets)}`,
    );
    if (!gone && answerable(res)) {
      const internal = specErrors().internal;
      const requestId = this.#ids.hex(32);
      this.#send(res, 500, { error_code: internal.error_code, error_msg: internal.error_msg }, requestId, true);
    } else if (!res.writableEnded) {
      res.destroy(); // nobody left to answer, or an answer already under way
    }
  }

  /**
   * `Expect: 100-continue` (curl does it for bodies over 1 MB): a declared body over the limit is
   * refused before the client sends it, so nothing is left unread when the connection closes.
   */
  #checkContinue(req: IncomingMessage, res: ServerResponse): void {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.#settings.maxBodyBytes) {
      const requestId = this.#refuseOversized(res);
      this.#log(
        `${req.method} ${loggablePath(req.url, this.#secrets)} ${res.statusCode} (before 100 Continue) ${requestId}`,
      );
      return;
    }
    res.writeContinue();
    this.#server.emit("request", req, res);
  }

  /**
   * Requests Node's parser refuses (not HTTP, headers too large, too slow): answer with the status
   * that says why, unless an answer is already under way, then close the connection.
   */
  #refuseUnparsed(error: NodeJS.ErrnoException, socket: Socket): void {
    const { requestTimeoutMs, maxHeaderBytes } = this.#settings;
    const refusal = parserRefusal(error.code, { requestTimeoutMs, maxHeaderBytes });
    this.#log(`request refused (${refusal.status}): ${loggable(error.code ?? error.message, this.#secrets)}`);
    const response = this.#inFlight.get(socket);
    if (socket.destroyed || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = this.#ids.hex(32);
    answerRaw(socket, refusal.status, parameterError(refusal.message), { "X-Request-Id": requestId });
  }

  /** CONNECT never reaches the request handler: answer it like TRACE. */
  #refuseConnect(socket: Socket): void {
    const requestId = this.#ids.hex(32);
    answerRaw(
      socket,
      405,
      { ...apiNotFound("method CONNECT is not allowed"), request_id: requestId },
      { "X-Request-Id": requestId, Allow: corsAllowedMethods },
    );
  }

  #refuseOversized(res: ServerResponse): string {
    const requestId = this.#ids.hex(32);
    this.#send(res, 400, parameterError(`body is larger than ${this.#settings.maxBodyBytes} bytes`), requestId, true);
    return requestId;
  }

  /** Anything fetch's Headers or Request refuses (a header value it cannot carry, ...): the client's fault. */
  #refuseUnreadable(res: ServerResponse): string {
    const requestId = this.#ids.hex(32);
    this.#send(
      res,
      400,
      parameterError("the request cannot be read as an HTTP request of these APIs"),
      requestId,
      true,
    );
    return requestId;
  }

  #send(
    res: ServerResponse,
    status: number,
    body: unknown,
    requestId: string,
    close = false,
    extra: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      "X-Request-Id": requestId,
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": this.#settings.exposedHeaders,
      ...(close ? { Connection: "close" } : {}),
      ...extra,
    });
    res.end(text);
  }
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const server = new MockHttpServer(options);
  const port = await server.listen();
  return {
    url: server.url,
    port,
    baseUrlOf: (api) => server.baseUrlOf(api),
    mock: server.mock,
    use: (...handlers) => server.use(handlers),
    resetHandlers: () => server.resetHandlers(),
    close: () => server.close(),
  };
}
