// Sends the console's request through @dbupgrade/client (its token header or its AK/SK signing,
// WebCrypto in the browser) and records exactly what went out and what came back.
import { upgradeServices } from "@dbupgrade/client";

/** @typedef {import("../console-operations.mjs").ConsoleOperation} ConsoleOperation */
/** @typedef {{ token: string } | { accessKey: string, secretKey: string }} ConsoleAuth */
/**
 * @typedef {{ method: string, url: string, headers: [string, string][], body: string | null }} SentRequest
 * @typedef {{ status: number, statusText: string, headers: [string, string][], body: string, ms: number }} Received
 */

/**
 * @param {ConsoleOperation} op
 * @param {{ baseUrl: string, auth: ConsoleAuth, pathParams: Record<string, string>, query: Record<string, string>,
 *   headers: Record<string, string>, bodyText: string | null }} input
 * @returns {Promise<{ sent: SentRequest, received?: Received, failure?: string }>}
 */
export async function sendRequest(op, input) {
  /** @type {SentRequest | undefined} */
  let sent;
  /** @type {Received | undefined} */
  let received;
  const capture = async (/** @type {Request} */ request) => {
    const body = request.body === null ? null : await request.clone().text();
    sent = { method: request.method, url: request.url, headers: [...request.headers], body };
    const started = performance.now();
    const response = await fetch(request);
    const text = await response.clone().text();
    received = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body: text,
      ms: performance.now() - started,
    };
    return response;
  };
  const service = upgradeServices[op.api];
  if (!service) throw new Error(`no service ${op.api}`);
  const client = service.createClient({
    baseUrl: input.baseUrl,
    projectId: input.pathParams["project_id"] || "-",
    auth: input.auth,
    fetch: capture,
  });
  const bodyText = input.bodyText;
  try {
    await client.raw.request(op.method, op.path, {
      params: { path: input.pathParams, query: input.query, header: input.headers },
      ...(op.body && bodyText !== null
        ? {
            body: bodyText,
            bodySerializer: (/** @type {string} */ text) => text,
            headers: { "Content-Type": op.body.contentType },
          }
        : {}),
      parseAs: "text",
    });
  } catch (error) {
    // fetch refused (server down, CORS, CSP): nothing came back. The message never holds credentials.
    const failure = error instanceof Error ? error.message : String(error);
    return sent
      ? { sent, failure }
      : { sent: { method: op.method, url: input.baseUrl, headers: [], body: bodyText }, failure };
  }
  if (!sent || !received) throw new Error("the client did not send the request");
  return { sent, received };
}
