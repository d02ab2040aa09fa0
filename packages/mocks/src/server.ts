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
import { specErrors, undocumentedCodes } from "./errors.js";
import { createMockApi, type MockApi, type MockApiOptions } from "./mock-api.js";
import { createPrng } from "./prng.js";

export interface MockServerOptions extends Omit<MockApiOptions, "baseUrl"> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Larger request bodies get a 400 without being read. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Receives one line per request (method, path, status, time, request id; never headers or bodies). Default: no logging. */
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

const corsAllowedMethods = [...new Set(apiNames.flatMap((api) => Object.values(apiMeta[api].operations).map((o) => o.method))), "OPTIONS"].join(", ");

/** Prints a request path safely: no query (it is not needed and may carry anything), no control characters. */
function loggablePath(rawUrl: string | undefined): string {
  const path = (rawUrl ?? "").split("?")[0] ?? "";
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 200);
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const log = options.log || undefined;
  if (options.debugSignatures && !loopbackHosts.has(host)) {
    throw new Error(`debugSignatures is for a mock on this machine only: host must be 127.0.0.1, ::1 or localhost, not ${host}`);
  }
  // The signature debug header only exists with `debugSignatures` (the docs console reads it cross-origin).
  const exposedHeaders = options.debugSignatures ? `X-Request-Id, ${SIGNATURE_DEBUG_HEADER}` : "X-Request-Id";
  const prefixes = Object.fromEntries(apiNames.map((api) => [api, `/${api}`])) as Record<ApiName, string>;
  const mock = createMockApi({ ...options, baseUrl: prefixes });
  const serverIds = createPrng(options.seed ?? 1, "server-request-ids");
  const baseUrlOf = (api: ApiName) => `${url}${prefixes[api]}`;
  let extra: RequestHandler[] = [];
  let url = "";

  const send = (res: ServerResponse, status: number, body: unknown, requestId: string, close = false) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      "X-Request-Id": requestId,
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": exposedHeaders,
      ...(close ? { Connection: "close" } : {}),
    });
    res.end(text);
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

    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      const requestId = serverIds.hex(32);
      const message = `${specErrors().parameterError.error_msg}: body is larger than ${maxBodyBytes} bytes`;
      send(res, 400, { error_code: specErrors().parameterError.error_code, error_msg: message }, requestId, true);
      // Do not read the rest of an oversized body: close the connection once the answer is out.
      const socket = req.socket ?? res.socket;
      res.once("finish", () => socket?.destroy());
      return requestId;
    }

    const { port } = server.address() as AddressInfo;
    const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    let url: URL;
    try {
      url = new URL(req.url ?? "/", `http://${req.headers.host ?? ""}`);
    } catch {
      url = new URL(req.url?.startsWith("/") ? req.url : "/", origin);
    }
    const method = req.method ?? "GET";
    const own = url.pathname === "/" && (method === "GET" || method === "HEAD") ? answerRoot(req, baseUrlOf) : answerAdmin(mock, req, url.pathname, bytes);
    if (own) {
      res.writeHead(own.status, { "Content-Type": own.contentType, "Content-Length": Buffer.byteLength(own.body), ...own.headers });
      res.end(method === "HEAD" ? undefined : own.body);
      return "-";
    }
    const request = new Request(url, {
      method,
      headers: headersOf(req),
      ...(method === "GET" || method === "HEAD" ? {} : { body: bytes }),
    });
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

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res)
      .then((requestId) => {
        log?.(`${req.method} ${loggablePath(req.url)} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms ${requestId}`);
      })
      .catch((error: unknown) => {
        // The handlers answer their own errors; this is the adapter failing (e.g. a client gone mid-body).
        log?.(`${req.method} ${loggablePath(req.url)} failed: ${(error as Error)?.message ?? String(error)}`);
        if (req.destroyed || req.readableAborted) {
          res.destroy(); // the client went away mid-request: nobody to answer
        } else if (!res.headersSent && !res.destroyed) {
          const internal = specErrors().internal;
          const requestId = serverIds.hex(32);
          send(res, 500, { error_code: internal.error_code, error_msg: internal.error_msg }, requestId, true);
        } else {
          res.destroy();
        }
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // Bytes that are not HTTP: answer 400 if the socket still takes it, then drop the connection.
    log?.(`malformed request dropped: ${error.code ?? error.message}`);
    if (socket.writable && !socket.destroyed) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    } else {
      socket.destroy();
    }
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
