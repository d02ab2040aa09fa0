// AK/SK signing of the final Request: the exact method, URL, headers and body bytes that will be sent.
// Signing the Request (not the call's arguments) keeps `client.raw` and custom bodies signed correctly.
import { signRequest, type AkSkCredentials } from "@dbupgrade/aksk";
import type { AkSkAuth } from "./options.js";

export type RequestSigner = (request: Request) => Promise<Request>;

export function createRequestSigner(auth: AkSkAuth, projectId: string, now: () => Date): RequestSigner {
  const credentials: AkSkCredentials = { accessKey: auth.accessKey, secretKey: auth.secretKey, securityToken: auth.securityToken };
  return async (request) => {
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const added = await signRequest({ method: request.method, url: request.url, headers: request.headers, body }, credentials, { date: now(), projectId });
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
    // The body was read to be hashed; the new Request carries the very same bytes.
    return new Request(request, body === undefined ? { headers } : { headers, body });
  };
}
