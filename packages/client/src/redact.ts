// Secrets reach error texts in two ways: a server or a custom fetch echoing request headers, and the
// client's own values (token, AK, SK) quoted by some lower layer. Both are scrubbed here, once, before
// any text is stored on an error, so every later form (message, stack, toJSON, inspect) is clean.

export const REDACTED = "[REDACTED]";

/** Replaces secrets (known values and auth header values) in a text. */
export type Redactor = (text: string) => string;

// Values of these headers are secret wherever they are quoted: `name: value`, `name=value`, JSON `"name":"value"`.
const SECRET_HEADER_VALUE = /((?:x-auth-token|x-security-token|authorization)["']?\s*[:=]\s*["']?)([^"'\r\n,}]+)/gi;
// An SDK-HMAC-SHA256 Authorization value quoted without its header name.
const SIGNATURE_VALUE = /SDK-HMAC-SHA256\s+Access=[^\s,]*(?:,\s*SignedHeaders=[^\s,]*)?(?:,\s*Signature=[0-9a-fA-F]*)?/g;

// Shorter values would also match ordinary words; real tokens and keys are far longer.
const MIN_SECRET_LENGTH = 4;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const known = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out.replace(SIGNATURE_VALUE, `SDK-HMAC-SHA256 ${REDACTED}`).replace(SECRET_HEADER_VALUE, `$1${REDACTED}`);
  };
}

/** Redacts header-shaped secrets only: for texts produced where the client's own secrets are unknown. */
export const redactAuthHeaders: Redactor = createRedactor([]);
