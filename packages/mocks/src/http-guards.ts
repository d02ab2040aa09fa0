// The standalone server's defences against hostile HTTP: bodies over the limit (answered once the
// client has finished sending, so the answer is not lost to a reset), request targets fetch's Request
// cannot represent (a Host with credentials, TRACE), raw answers to requests Node's parser refuses
// (408, 431, 400), and log lines that never carry a credential.
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export type BodyRead =
  | { kind: "complete"; bytes: Uint8Array<ArrayBuffer> }
  /** Over the limit. `drained`: the client finished sending (all of it read and dropped), so closing is clean. */
  | { kind: "too-large"; drained: boolean };

/** The client went away (or the connection was cut) before its body was complete. */
export class ClientGone extends Error {}

/**
 * Reads a request body up to `limit` bytes. Past the limit it keeps reading and drops the bytes, up
 * to `maxDrainBytes` more, so that the 400 goes out after the client has finished sending: closing a
 * socket that still has unread bytes makes the kernel answer with a reset, and the client may lose
 * the 400 to it (curl exit 55, fetch ECONNRESET). Beyond `maxDrainBytes` it stops waiting.
 */
export function readBody(req: IncomingMessage, limit: number, maxDrainBytes: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let settled = false;
    const settle = (outcome: BodyRead | ClientGone) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof ClientGone) reject(outcome);
      else resolve(outcome);
    };
    if (tooLarge && declared - limit > maxDrainBytes) {
      // Not worth reading: answer at once (the connection is closed after the answer).
      req.resume();
      settle({ kind: "too-large", drained: false });
      return;
    }
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > limit) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      else if (size - limit > maxDrainBytes) settle({ kind: "too-large", drained: false });
    });
    req.on("end", () =>
      settle(
        tooLarge
          ? { kind: "too-large", drained: true }
          : { kind: "complete", bytes: new Uint8Array(Buffer.concat(chunks)) },
      ),
    );
    req.on("close", () => {
      if (!req.complete) settle(new ClientGone("the client went away before its body was complete"));
    });
    req.on("error", () => settle(new ClientGone("the request stream failed")));
  });
}

/** Methods a fetch `Request` cannot carry (forbidden by the Fetch standard); the APIs take none of them. */
const unsupportedMethods = new Set(["CONNECT", "TRACE", "TRACK"]);

export type TargetProblem = { status: 400 | 405; message: string; allow?: string };

/**
 * What is wrong with a request's method or Host, if anything, before a `Request` is built from them.
 * A Host is `host[:port]`: userinfo (`user:pass@host`) is not HTTP, and a URL with credentials cannot
 * become a `Request`.
 */
export function requestTargetProblem(
  method: string | undefined,
  host: string | undefined,
  allowedMethods: string,
): TargetProblem | undefined {
  if (method !== undefined && unsupportedMethods.has(method.toUpperCase())) {
    return { status: 405, message: `method ${method.toUpperCase()} is not allowed`, allow: allowedMethods };
  }
  if (host === undefined || host === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(`http://${host}`);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    host.includes("@") ||
    url.username !== "" ||
    url.password !== "" ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    return { status: 400, message: "the Host header is not host[:port]" };
  }
  return undefined;
}

// Userinfo in any URL (`http://user:pass@host`), header-style credentials and bare signatures.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:)?\/\/[^/\s?#@]*@/gi;
const SECRET_FIELDS =
  /(\b(?:x-auth-token|x-security-token|authorization|signature|token|password|secret|access|sk|ak)["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi;
const HEX_SIGNATURE = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;

/**
 * A text safe for a log line: no userinfo, no credential-looking field values, no 64-hex signatures,
 * none of the `secrets` given (the accepted token and keys), no control characters, bounded length.
 */
export function loggable(text: string, secrets: readonly string[] = [], max = 300): string {
  let out = text.length > 4 * max ? text.slice(0, 4 * max) : text;
  for (const secret of secrets)
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("[REDACTED]");
  out = out
    .replace(URL_USERINFO, (_m, scheme: string | undefined) => `${scheme ?? ""}//[REDACTED]@`)
    .replace(SECRET_FIELDS, "$1[REDACTED]")
    .replace(HEX_SIGNATURE, "[REDACTED]")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "?");
  return out.length > max ? `${out.slice(0, max)}...` : out;
}

/** A request path for the log: the path only (no query, no scheme or authority of an absolute-form target). */
export function loggablePath(rawUrl: string | undefined, secrets: readonly string[] = []): string {
  let path = rawUrl ?? "";
  if (!path.startsWith("/")) {
    // Absolute form (`POST http://user:pass@host/path HTTP/1.1`): keep the path only.
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(path);
    path = match ? match[1] || "/" : "";
  }
  return loggable(path.split("?")[0] ?? "", secrets, 200);
}

const reasons: Record<number, string> = {
  400: "Bad Request",
  405: "Method Not Allowed",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/** The raw answer to a request Node's parser refused: the status that says why, a JSON error body, then close. */
export function parserRefusal(
  code: string | undefined,
  limits: { requestTimeoutMs: number; maxHeaderBytes: number },
): { status: number; message: string } {
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, message: `the request was not received within ${limits.requestTimeoutMs} ms` };
    case "HPE_HEADER_OVERFLOW":
      return { status: 431, message: `the request headers are larger than ${limits.maxHeaderBytes} bytes` };
    default:
      return { status: 400, message: "the request is not valid HTTP" };
  }
}

/**
 * Writes a complete raw HTTP answer to a socket no response object owns any more, then closes it once
 * flushed (or after `graceMs`, for a client that never reads).
 */
export function answerRaw(
  socket: Socket,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
  graceMs = 1000,
): void {
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${reasons[status] ?? "Error"}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(text)}`,
    "Connection: close",
    ...Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  const timer = setTimeout(() => socket.destroy(), graceMs);
  timer.unref();
  socket.end(`${head}\r\n\r\n${text}`, () => {
    clearTimeout(timer);
    socket.destroy();
  });
}
