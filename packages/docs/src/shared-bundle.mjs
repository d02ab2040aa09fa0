// Moves the Redoc bundle that `redocly build-docs --inlineBundle` puts into every API page (2.3 MB,
// byte-identical across pages) into one content-addressed file the pages share: the browser fetches
// it once for all four pages, still from the site itself (offline). Each page keeps, inline, only its
// own definition, options and the hydrate call. The page's CSP admits the shared file by the SHA-256
// of its bytes (the <script> carries the same value as `integrity`), not by origin.
import { createHash } from "node:crypto";

/** How Redoc 3's standalone bundle ends: its ES module exports. */
export const redocExports = "export{RedocStandalone,hydrate,init};";
const globalName = "__dbupgradeRedoc";
const hydrateCall = "hydrate(__redoc_definition, __redoc_options";

/** @typedef {{ file: string, content: string }} SharedAsset */

/**
 * @param {string} html a rendered API page with the bundle inline
 * @returns {{ html: string, asset: SharedAsset }}
 */
export function shareRedocBundle(html) {
  const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].filter((m) =>
    m[1]?.includes(redocExports),
  );
  if (scripts.length !== 1)
    throw new Error(
      `expected one inline Redoc module script ending in ${redocExports}, found ${scripts.length}: check what Redoc's bundle looks like now`,
    );
  const [tag, body = ""] = /** @type {RegExpMatchArray} */ (scripts[0]);
  const cut = body.indexOf(redocExports);
  const pageScript = body.slice(cut + redocExports.length);
  if (pageScript.split(hydrateCall).length !== 2)
    throw new Error(`expected one "${hydrateCall}" after the Redoc bundle`);
  // A module script with a src cannot hand its exports to an inline one (hash-based CSP admits no import of it): it sets a global instead.
  const bundle = `${body.slice(0, cut)}globalThis.${globalName}={RedocStandalone,hydrate,init};\n`;
  const digest = createHash("sha256").update(bundle).digest();
  const file = `redoc.${digest.toString("hex").slice(0, 16)}.js`;
  const replacement =
    `<script type="module" src="${file}" integrity="sha256-${digest.toString("base64")}"></script>\n` +
    `<script type="module">${pageScript.replace(hydrateCall, `globalThis.${globalName}.${hydrateCall}`)}</script>`;
  return { html: html.replace(tag, () => replacement), asset: { file, content: bundle } };
}

/** Content-addressed asset names (`name.<16 hex>.ext`): their bytes never change, so they may be cached for good. */
export const contentAddressed = /\.[0-9a-f]{16}\.(js|css)$/;
