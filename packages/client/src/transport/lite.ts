// The per-call objects of a transport that needs no WHATWG Request or Response (the default in Node).
// openapi-fetch builds each request with the `Request` constructor it is given and reads the answer
// through `status`, `ok`, `headers.get` and `text()`/`json()` only, so an operation call hands it these
// lighter stand-ins and never pays for a Request, a Response or their body streams. The caller still
// gets a real `Response` (status, status text and headers; the body is already parsed into
// `data`/`error`), built only when `response` is read.
import { rememberBody } from "../signing.js";

/** What openapi-fetch passes to `new Request(url, init)` for an operation call. */
interface LiteRequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
  redirect?: RequestRedirect;
}

/** A request as built by openapi-fetch: its final URL, method, headers and serialized (JSON) body. */
export class LiteRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The serialized body (a JSON text for these APIs), or null. */
  readonly body: string | null;
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;

  constructor(url: string | URL, init: LiteRequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    if (init.body !== undefined && init.body !== null && typeof init.body !== "string")
      throw new TypeError("a request body on this transport must be a string (JSON)");
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
    // The signer hashes the body it was built with, as for a real Request (signing.ts).
    if (this.body !== null) rememberBody(this, this.body);
  }
}

/** The status line and headers of an answer: what the client itself reads from a response. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
}

export interface LiteResponse extends ResponseHead {
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** A real Response with this status and these headers (no body: it was parsed); built once. */
  toResponse(): Response;
}

/**
 * Sends a LiteRequest (already signed when signing is on) and reads the whole answer. `onHead` is told
 * when the status line and headers arrive, with a way to build them as a Response (for a failure that
 * comes after: a body that breaks off or is not JSON).
 */
export type LiteSend = (request: LiteRequest, onHead?: (head: () => Response) => void) => Promise<LiteResponse>;

/** `response` of a result as a getter that builds the real Response on first read. */
export function withLazyResponse<R extends { response: unknown }>(result: R, lite: LiteResponse): R {
  const { response: _, ...rest } = result;
  return Object.defineProperty(rest, "response", {
    get: () => lite.toResponse(),
    enumerable: true,
    configurable: true,
  }) as R;
}

/**
 * How a client sends when no `fetch` option is given: `fetch` for `client.raw` (and operation calls
 * when `lite` is undefined), `lite` for operation calls with no WHATWG objects.
 */
export interface DefaultTransport {
  readonly name: "node-http" | "fetch";
  readonly fetch: (request: Request) => Promise<Response>;
  /** The request class openapi-fetch builds with, and how those requests are sent. */
  readonly lite: { readonly Request: typeof LiteRequest; readonly send: LiteSend } | undefined;
}
