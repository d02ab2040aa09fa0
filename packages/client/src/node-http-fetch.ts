/// <reference types="node" />
// A `fetch` for Node built on node:http / node:https with keep-alive agents (the `./node-http` entry).
// Node 20's global fetch (undici) costs several times more CPU per small request than node:http, which
// is what the official Huawei SDK (axios) uses; pass this as the client's `fetch` where calls per second
// matter. It behaves like fetch where the client depends on it: a network failure rejects with
// TypeError("fetch failed", { cause }), an abort rejects with the signal's reason, the body is sent as
// the exact bytes the Request was built with (and signed over), and `redirect: "error"` refuses 3xx.
// What it does not do: follow redirects (a 3xx is returned as is unless redirect is "error"), decompress
// (it sends no Accept-Encoding), cookies, HTTP/2, proxies.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { FetchLike } from "./options.js";
import { recordedBodyOf } from "./signing.js";

export interface NodeHttpFetchOptions {
  /** Sockets per origin (default 64); requests beyond wait for a free socket. */
  maxSockets?: number;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

async function bodyBytes(request: Request): Promise<string | Uint8Array | undefined> {
  const recorded = recordedBodyOf(request);
  if (typeof recorded === "string") return recorded;
  if (recorded instanceof ArrayBuffer) return new Uint8Array(recorded);
  if (recorded !== undefined) return new Uint8Array(recorded.buffer, recorded.byteOffset, recorded.byteLength);
  return request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
}

function toResponse(message: IncomingMessage, body: Buffer, method: string): Response {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const status = message.statusCode ?? 0;
  const nullBody = NULL_BODY_STATUSES.has(status) || method === "HEAD";
  return new Response(nullBody ? null : (body as Uint8Array<ArrayBuffer>), {
    status,
    statusText: message.statusMessage ?? "",
    headers,
  });
}

/** A fetch over node:http(s) with keep-alive agents of its own (one per created fetch). */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): FetchLike {
  const maxSockets = options.maxSockets ?? 64;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  return async (request) => {
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const body = await bodyBytes(request);
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw fetchFailed(new Error(`unsupported protocol ${url.protocol}`));
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined)
      headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        outcome();
      };
      const outgoing = send(
        url,
        { method: request.method, headers, agent: url.protocol === "https:" ? agents.https : agents.http },
        (message) => {
          if (
            request.redirect === "error" &&
            message.statusCode! >= 300 &&
            message.statusCode! < 400 &&
            message.headers.location !== undefined
          ) {
            message.resume();
            finish(() => reject(fetchFailed(new Error("unexpected redirect"))));
            return;
          }
          const chunks: Buffer[] = [];
          message.on("data", (chunk: Buffer) => chunks.push(chunk));
          message.on("end", () =>
            finish(() =>
              resolve(toResponse(message, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), request.method)),
            ),
          );
          message.on("error", (error) => finish(() => reject(fetchFailed(error))));
          message.on("aborted", () => finish(() => reject(fetchFailed(new Error("the response was cut short")))));
        },
      );
      const onAbort = () => {
        finish(() => reject(signal.reason));
        outgoing.destroy();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      outgoing.on("error", (error) => finish(() => reject(fetchFailed(error))));
      outgoing.end(body);
    });
  };
}
