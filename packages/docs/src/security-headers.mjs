// Response headers that keep the served site from being framed or redirected elsewhere. The pages
// carry their Content-Security-Policy in a <meta> (it holds their script hashes); a meta policy cannot
// say `frame-ancestors`, and some tools only read the header, so the server sends the same policy as
// a header too, with `frame-ancestors 'none'` added.
import { open } from "node:fs/promises";
import { relative, sep } from "node:path";

/** Headers on every answer, files and errors alike. */
export const baseSecurityHeaders = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
});

/** For everything that is not a page (specs, images, errors): nothing may run, nothing may frame it. */
export const resourcePolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";
/**
 * For a page without its own policy (every page the build writes has one): framing is refused, nothing
 * else is decided for it here (a policy the page was not written for could break it).
 */
export const fallbackPagePolicy = "frame-ancestors 'none'";

// The policy meta sits in <head>, near the top; reading this much of a 2.5 MB page finds it.
const HEAD_BYTES = 64 * 1024;
const META_POLICY = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i;

const entities = { "&amp;": "&", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&lt;": "<", "&gt;": ">" };

/**
 * The Content-Security-Policy of a page: its meta policy plus `frame-ancestors 'none'`.
 * @param {string} html the page, or at least its head
 * @returns {string}
 */
export function pagePolicy(html) {
  const found = META_POLICY.exec(html)?.[1];
  if (found === undefined) return fallbackPagePolicy;
  const policy = found.replace(
    /&(amp|quot|#39|#x27|lt|gt);/g,
    (e) => entities[/** @type {keyof typeof entities} */ (e)],
  );
  // Header values must be single-line ASCII; a policy that is not gets the fallback.
  if (!/^[\x20-\x7e]*$/.test(policy)) return fallbackPagePolicy;
  const directives = policy
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !/^frame-ancestors\b/i.test(d));
  return [...directives, "frame-ancestors 'none'"].join("; ");
}

/** @type {Map<string, { key: string, policy: string }>} */
const pagePolicies = new Map();

/**
 * The policy header for a file about to be served (pages read once per change of size or mtime).
 * @param {string} file
 * @param {{ size: number, mtimeMs: number }} info
 * @returns {Promise<string>}
 */
export async function policyForFile(file, info) {
  if (!/\.html?$/i.test(file)) return resourcePolicy;
  const key = `${info.size}:${info.mtimeMs}`;
  const cached = pagePolicies.get(file);
  if (cached?.key === key) return cached.policy;
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const policy = pagePolicy(buffer.subarray(0, bytesRead).toString("utf8"));
    pagePolicies.set(file, { key, policy });
    return policy;
  } finally {
    await handle.close();
  }
}

/**
 * Where to send a request for a folder that lacked its trailing slash: built from the folder's place
 * under the root, never from the request text, so it is always one same-origin path (`/specs/`), never
 * `//evil.example/...`.
 * @param {string} root absolute, symlinks resolved
 * @param {string} folder the folder the request resolved to, under root
 * @param {string} search the request's query (`?x=1`) or ""
 * @returns {string}
 */
export function folderLocation(root, folder, search) {
  const segments = relative(root, folder).split(sep).filter(Boolean).map(encodeURIComponent);
  return `/${segments.map((s) => `${s}/`).join("")}${search}`;
}
