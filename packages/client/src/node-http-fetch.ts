/// <reference types="node" />
// A `fetch` for Node built on node:http / node:https with keep-alive agents (the `./node-http` entry).
// In Node the clients already send over node:http by default (see transport/); this is for `client.raw`
// users and anyone who wants the same transport as a standalone `(Request) => Promise<Response>`, with
// agents of its own. The exchange itself (and what it does not do) is transport/node-http-core.ts.
import type { FetchLike } from "./options.js";
import { recordedBodyOf } from "./signing.js";
import {
  answerToResponse,
  createKeepAliveAgents,
  exchangeOverNodeHttp,
  type NodeHttpAgents,
} from "./transport/node-http-core.js";

export interface NodeHttpFetchOptions {
  /** Sockets per origin (default 64); requests beyond wait for a free socket. */
  maxSockets?: number;
}

async function bodyBytes(request: Request): Promise<string | Uint8Array | undefined> {
  const recorded = recordedBodyOf(request);
  if (typeof recorded === "string") return recorded;
  if (recorded instanceof ArrayBuffer) return new Uint8Array(recorded);
  if (recorded !== undefined) return new Uint8Array(recorded.buffer, recorded.byteOffset, recorded.byteLength);
  return request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
}

/** A fetch over node:http(s) with keep-alive agents of its own (one per created fetch). */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): FetchLike {
  const agents = createKeepAliveAgents(options.maxSockets ?? 64);
  return nodeHttpFetchOver(() => agents);
}

/** A fetch over the given agents (the default transport passes the process-wide ones). */
export function nodeHttpFetchOver(agentsOf: () => NodeHttpAgents): FetchLike {
  return async (request) => {
    if (request.signal.aborted) throw request.signal.reason;
    const body = await bodyBytes(request);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await exchangeOverNodeHttp(
      { method: request.method, url: request.url, headers, body, signal: request.signal, redirect: request.redirect },
      agentsOf(),
    );
    return answerToResponse(answer, request.method);
  };
}
