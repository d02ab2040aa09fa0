// Post-processing of the pages `redocly build-docs --inlineBundle` writes, so that they never make
// a request to another host: the inlined Redoc 3 bundle still points its "API docs by Redocly" logo
// at Redocly's CDN (no option turns that off), and a Content-Security-Policy with the hashes of the
// page's own inline scripts blocks everything else (injected scripts, inline event handlers,
// remote images, fonts and connections) should anything in a spec or in Redoc try.
import { createHash } from "node:crypto";

/** Logo URLs in Redoc 3.0's sidebar attribution (full logo, and the mini one for a collapsed sidebar). */
export const redoclyLogoUrls = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];

/** @param {string} svg */
const svgDataUri = (svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

// A text wordmark keeps the attribution readable without fetching Redocly's artwork.
const wordmark = (/** @type {string} */ text, /** @type {number} */ width) =>
  svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">` +
      `<text x="0" y="11" font-family="system-ui,-apple-system,Segoe UI,sans-serif" font-size="11" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  );
const localLogos = [wordmark("Redocly", 54), wordmark("R", 9)];

/**
 * Points the attribution logo at inline images. Throws when Redoc no longer contains the URLs, so a
 * Redoc upgrade that moves them is noticed at build time rather than by a browser going online.
 * @param {string} html
 */
export function inlineRedoclyLogo(html) {
  let out = html;
  redoclyLogoUrls.forEach((url, i) => {
    if (!out.includes(url)) throw new Error(`Redoc no longer references ${url}: check which logo it loads now`);
    out = out.split(url).join(/** @type {string} */ (localLogos[i]));
  });
  return out;
}

/** Placeholder the page templates carry where the policy goes (before any script). */
export const cspPlaceholder = "%%CONTENT_SECURITY_POLICY%%";

/**
 * `'sha256-…'` sources of every `<script>` of a page: the hash of an inline script's text, or the
 * `integrity` of a script file of the site itself (the shared Redoc bundle). Any other script file
 * is refused. Redoc escapes `</script` inside its scripts, so the first closing tag ends each one.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map(([, attributes = "", body]) => {
    if (/\bsrc\s*=/i.test(attributes)) {
      const src = /\bsrc="([^"]*)"/.exec(attributes)?.[1] ?? "";
      const integrity = /\bintegrity="(sha256-[A-Za-z0-9+/]+=*)"/.exec(attributes)?.[1];
      if (!/^[\w.-]+\.js$/.test(src) || !integrity)
        throw new Error(`page loads an external script (${src}) without being a site file with an integrity hash`);
      return `'${integrity}'`;
    }
    return `'sha256-${createHash("sha256")
      .update(body ?? "")
      .digest("base64")}'`;
  });
}

/**
 * The policy for one page: scripts only by hash, everything else only from the page itself
 * (plus `data:` images and fonts, which Redoc inlines, and `blob:` workers for its search index).
 * @param {string[]} scriptHashes
 */
export function contentSecurityPolicy(scriptHashes) {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.length ? scriptHashes.join(" ") : "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * Fills the template's policy placeholder with the hashes of the page's scripts.
 * @param {string} html
 */
export function applyContentSecurityPolicy(html) {
  const parts = html.split(cspPlaceholder);
  if (parts.length !== 2)
    throw new Error(`expected one ${cspPlaceholder} in the page template, found ${parts.length - 1}`);
  return parts.join(contentSecurityPolicy(inlineScriptHashes(html)));
}
