/// <reference types="node" />
// One HTTP exchange over node:http / node:https with keep-alive agents: the part shared by the default
// Node transport (no WHATWG Request or Response per call) and `createNodeHttpFetch()` (which wraps it
// in them). It behaves like fetch where the client depends on it: a network failure rejects with
// TypeError("fetch failed", { cause }), an abort rejects with the signal's reason, the body is sent as
// the exact bytes given (the ones that were signed), and `redirect: "error"` refuses a 3xx.
// What it does not do: follow redirects, decompress (it sends no Accept-Encoding), cookies, HTTP/2, proxies.
//
// `http.request` is looked up on the module object at call time, so MSW (`setupServer` patches it) and
// other interceptors apply whenever they are installed, as they do for the global fetch.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

export interface NodeHttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** Keep-alive agents: sockets per origin (default 64); requests beyond wait for a free socket. */
export function createKeepAliveAgents(maxSockets = 64): NodeHttpAgents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

export interface NodeHttpExchange {
  method: string;
  url: string;
  /** Header names as given; values already joined. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  signal: AbortSignal | undefined;
  redirect: string | undefined;
}

export interface NodeHttpAnswer {
  status: number;
  statusText: string;
  /** The response head (headers lowercased and joined by Node, raw pairs in `rawHeaders`). */
  message: IncomingMessage;
  body: Buffer;
}

const EMPTY = Buffer.alloc(0);

export function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

/**
 * Sends one request and reads the whole answer. `onHead` hears of the status line and headers as they
 * arrive, before the body: a body that then breaks off is a failure after the answer began, as with fetch.
 */
export function exchangeOverNodeHttp(
  exchange: NodeHttpExchange,
  agents: NodeHttpAgents,
  onHead?: (head: NodeHttpAnswer) => void,
): Promise<NodeHttpAnswer> {
  const { signal, body } = exchange;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const url = new URL(exchange.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(fetchFailed(new Error(`unsupported protocol ${url.protocol}`)));
  const headers = exchange.headers;
  if (body !== undefined)
    headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  const secure = url.protocol === "https:";
  return new Promise<NodeHttpAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const onResponse = (message: IncomingMessage) => {
      const status = message.statusCode ?? 0;
      if (exchange.redirect === "error" && status >= 300 && status < 400 && message.headers.location !== undefined) {
        message.resume();
        finish(() => reject(fetchFailed(new Error("unexpected redirect"))));
        return;
      }
      // A WHATWG Response cannot carry these; fetch fails on them too.
      if (status < 200 || status > 599) {
        message.resume();
        finish(() => reject(fetchFailed(new RangeError(`invalid response status ${status}`))));
        return;
      }
      onHead?.({ status, statusText: message.statusMessage ?? "", message, body: EMPTY });
      const chunks: Buffer[] = [];
      message.on("data", (chunk: Buffer) => chunks.push(chunk));
      message.on("end", () =>
        finish(() =>
          resolve({
            status,
            statusText: message.statusMessage ?? "",
            message,
            body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
          }),
        ),
      );
      message.on("error", (error) => finish(() => reject(fetchFailed(error))));
      message.on("aborted", () => finish(() => reject(fetchFailed(new Error("the response was cut short")))));
    };
    const outgoing = (secure ? https : http).request(
      url,
      { method: exchange.method, headers, agent: secure ? agents.https : agents.http },
      onResponse,
    );
    const onAbort = () => {
      finish(() => reject(signal!.reason));
      outgoing.destroy();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    outgoing.on("error", (error) => finish(() => reject(fetchFailed(error))));
    outgoing.end(body);
  });
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The answer as a WHATWG Response (the body as given, none for null-body statuses and HEAD). */
export function answerToResponse(answer: NodeHttpAnswer, method: string, body: Buffer | null = answer.body): Response {
  const headers = new Headers();
  const raw = answer.message.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const nullBody = body === null || NULL_BODY_STATUSES.has(answer.status) || method === "HEAD";
  return new Response(nullBody ? null : (body as Uint8Array<ArrayBuffer>), {
    status: answer.status,
    statusText: answer.statusText,
    headers,
  });
}
