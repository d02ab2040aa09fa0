// AK/SK signing of the final Request: the exact method, URL, headers and body bytes that will be sent.
// Signing the Request (not the call's arguments) keeps `client.raw` and custom bodies signed correctly.
//
// The body is hashed once, from what the Request was built with (openapi-fetch builds it through the
// `Request` constructor given here, which remembers a string or byte body), and the signature headers
// are set on that same Request: no second read of the body, no second Request. Only a body that cannot
// be hashed as given (a stream, Blob, FormData) is read from the Request, which then has to be rebuilt.
import { signRequest, type AkSkCredentials } from "@dbupgrade/aksk";
import type { AkSkAuth } from "./options.js";

export type RequestSigner = (request: Request) => Promise<Request>;

export type HashableBody = string | ArrayBuffer | ArrayBufferView;

const initialBodies = new WeakMap<object, HashableBody>();

/** Records the body a request object was built with (the default Node transport's LiteRequest). */
export function rememberBody(request: object, body: HashableBody): void {
  initialBodies.set(request, body);
}

/** The string or bytes a Request was built with through BodyRecordingRequest, if any. */
export function recordedBodyOf(request: Request): HashableBody | undefined {
  return initialBodies.get(request);
}

function isHashable(body: unknown): body is HashableBody {
  return typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

/**
 * A `Request` constructor for openapi-fetch that remembers a string or byte body. Called with `new`; it
 * returns a plain Request (the global one at call time), so nothing downstream sees a subclass.
 */
// A function expression, not an arrow: openapi-fetch calls it with `new`, which an arrow refuses.
// biome-ignore lint/complexity/useArrowFunction: must be constructible
export const BodyRecordingRequest = function (input: RequestInfo | URL, init?: RequestInit): Request {
  const request = new globalThis.Request(input, init);
  const body = init?.body;
  if (isHashable(body)) initialBodies.set(request, body);
  return request;
} as unknown as typeof Request;

export function createRequestSigner(auth: AkSkAuth, projectId: string, now: () => Date): RequestSigner {
  const credentials: AkSkCredentials = {
    accessKey: auth.accessKey,
    secretKey: auth.secretKey,
    securityToken: auth.securityToken,
  };
  return async (request) => {
    const recorded = initialBodies.get(request);
    const read =
      recorded === undefined && request.body !== null ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const body = recorded ?? read;
    const added = await signRequest(
      { method: request.method, url: request.url, headers: request.headers, body },
      credentials,
      { date: now(), projectId },
    );
    if (read === undefined) {
      for (const name in added) request.headers.set(name, added[name]!);
      return request;
    }
    // The body was read to be hashed; the new Request carries the very same bytes.
    const headers = new Headers(request.headers);
    for (const name in added) headers.set(name, added[name]!);
    return new Request(request, { headers, body: read });
  };
}
