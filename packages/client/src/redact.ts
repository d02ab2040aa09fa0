// Secrets reach error texts in two ways: a server or a custom fetch echoing request headers, and the
// client's own values (token, AK, SK) quoted by some lower layer. Both are scrubbed here, once, before
// any text is stored on an error, so every later form (message, stack, toJSON, inspect) is clean.

export const REDACTED = "[REDACTED]";

/** Replaces secrets (known values and auth header values) in a text. */
export type Redactor = (text: string) => string;

// Values of these headers are secret wherever they are quoted: `name: value`, `name=value`, JSON `"name":"value"`.
const SECRET_HEADER_VALUE = /((?:x-auth-token|x-security-token|authorization)["']?\s*[:=]\s*["']?)([^"'\r\n,}]+)/gi;
// An SDK-HMAC-SHA256 Authorization value quoted without its header name.
const SIGNATURE_VALUE =
  /SDK-HMAC-SHA256\s+Access=[^\s,]*(?:,\s*SignedHeaders=[^\s,]*)?(?:,\s*Signature=[0-9a-fA-F]*)?/g;
// A signature quoted alone: 64 hex digits (HMAC-SHA256). The client does not know which signature a
// server may quote, so every 64-hex run goes; no other value of these APIs has that form.
const BARE_SIGNATURE = /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

/** Response headers whose value is a credential wherever it appears. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "x-auth-token",
  "x-security-token",
  "x-subject-token",
  "proxy-authorization",
  "cookie",
  "set-cookie",
]);

// Shorter values would also match ordinary words; real tokens and keys are far longer.
const MIN_SECRET_LENGTH = 4;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const known = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out
      .replace(SIGNATURE_VALUE, `SDK-HMAC-SHA256 ${REDACTED}`)
      .replace(SECRET_HEADER_VALUE, `$1${REDACTED}`)
      .replace(BARE_SIGNATURE, REDACTED);
  };
}

/** Redacts header-shaped secrets only: for texts produced where the client's own secrets are unknown. */
export const redactAuthHeaders: Redactor = createRedactor([]);

// Texts from a server or a lower layer can be of any size (a 10 MB error_msg). Only this much of a text
// is read: enough to hold any real secret that starts inside the kept part, so it is redacted whole
// before the cut (IAM tokens run to several KB).
const REDACTION_WINDOW = 64 * 1024;

/** Redacts a text, then cuts it to `max` characters, saying how long it was. */
export function boundedText(text: string, redact: Redactor, max: number): string {
  const clean = redact(text.length > max + REDACTION_WINDOW ? text.slice(0, max + REDACTION_WINDOW) : text);
  if (text.length <= max && clean.length <= max) return clean;
  // ASCII only: the text may become a header value of the kept response.
  return `${clean.slice(0, max)}... [cut: ${text.length} characters]`;
}

/**
 * A copy of a response for an error to keep: status, status text and headers, with credential headers
 * and any secret in a header value redacted. No body (already read) and no url.
 */
export function redactedResponse(response: Response, redact: Redactor): Response | undefined {
  const headers = new Headers();
  try {
    response.headers.forEach((value, name) => {
      headers.append(name, SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : boundedText(value, redact, 1024));
    });
    return new Response(null, {
      status: response.status,
      statusText: boundedText(response.statusText, redact, 200),
      headers,
    });
  } catch {
    return undefined; // a status a Response cannot be built with (outside 200-599)
  }
}
