/// <reference types="node" />
// The default transport of the clients in Node (the `node` condition of `#default-transport`): one
// node:http exchange per call over keep-alive agents shared by every client of the process, with the
// light request/response objects of lite.ts instead of WHATWG ones.
import { answerToResponse, exchangeOverNodeHttp, type NodeHttpAgents, type NodeHttpAnswer } from "./node-http-core.js";
import type { LiteRequest, LiteResponse, LiteSend } from "./lite.js";

const utf8 = new TextDecoder();

class NodeHttpResponse implements LiteResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: LiteResponse["headers"];
  #response: Response | undefined;

  constructor(
    private readonly answer: NodeHttpAnswer,
    private readonly method: string,
  ) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.ok = answer.status >= 200 && answer.status <= 299;
    // Node's parsed headers: lowercased names, repeated values joined, as Headers#get does.
    const parsed = answer.message.headers;
    this.headers = {
      get(name) {
        const value = parsed[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      has: (name) => parsed[name.toLowerCase()] !== undefined,
    };
  }

  // Decoded as fetch decodes: UTF-8, a byte order mark dropped.
  text(): Promise<string> {
    return Promise.resolve(utf8.decode(this.answer.body));
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }

  toResponse(): Response {
    this.#response ??= answerToResponse(this.answer, this.method, null);
    return this.#response;
  }
}

export function createNodeHttpSend(agents: () => NodeHttpAgents): LiteSend {
  return async (request: LiteRequest, onHead?: (head: () => Response) => void) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await exchangeOverNodeHttp(
      {
        method: request.method,
        url: request.url,
        headers,
        body: request.body ?? undefined,
        signal: request.signal,
        redirect: request.redirect,
      },
      agents(),
      onHead &&
        ((head) => {
          let response: Response | undefined;
          onHead(() => {
            response ??= answerToResponse(head, request.method, null);
            return response;
          });
        }),
    );
    return new NodeHttpResponse(answer, request.method);
  };
}
