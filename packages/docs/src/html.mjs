// Escaping for the HTML the portal generator writes. Every value interpolated into markup goes
// through one of these: spec text is data, never markup.

const htmlEscapes = /** @type {const} */ ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" });

/**
 * Escapes text for element content and for double- or single-quoted attribute values.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => htmlEscapes[/** @type {keyof typeof htmlEscapes} */ (c)]);
}

/**
 * A URL for an href/src attribute: only relative URLs and http(s) are allowed, so a `javascript:`
 * or `data:` value taken from a spec can never become a live link. Returns the escaped value.
 * @param {string} url
 * @returns {string}
 */
export function escapeUrl(url) {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme && !/^https?$/i.test(scheme[1] ?? "")) throw new Error(`refusing a link with scheme "${scheme[1]}:"`);
  return escapeHtml(trimmed);
}
