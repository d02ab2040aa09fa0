// One API page: `redocly build-docs` (one call per API, Redoc inlined) on a copy of the bundled
// document that carries the generated `x-codeSamples`, then made offline (see offline-html.mjs).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { applyContentSecurityPolicy, inlineRedoclyLogo } from "./offline-html.mjs";
import { shareRedocBundle } from "./shared-bundle.mjs";
import { codeSampleLanguages } from "./code-samples.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export const pageTemplatePath = fileURLToPath(new URL("../templates/redoc-page.hbs", import.meta.url));

/** The Redocly CLI entry point of this package's pinned @redocly/cli. */
export function redoclyCli() {
  const manifestPath = require.resolve("@redocly/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), manifest.bin.redocly);
}

/**
 * Redoc options of a page. `codeSamples.languages` must list the x-codeSamples labels: Redoc 3
 * shows only configured languages. (`sanitize` is not set: Redoc 3 renders Markdown with Markdoc,
 * which prints raw HTML as text, and `sanitize: true` makes the CLI's prerender fail with
 * "linkedom is not available in browser bundles".)
 * @param {string} api
 */
export function redocOptions(api) {
  return {
    codeSamples: { languages: codeSampleLanguages },
    downloadUrls: [
      { title: "OpenAPI JSON", url: `specs/${api}.json` },
      { title: "OpenAPI YAML", url: `specs/${api}.yaml` },
    ],
  };
}

/**
 * Renders one API page.
 * @param {{ api: string, document: object, outFile: string, workDir: string }} page
 *   `workDir`: a scratch folder for the document copy; the CLI runs there so that no
 *   redocly.yaml of the repository changes the output.
 * @returns {Promise<{ bytes: number, shared: import("./shared-bundle.mjs").SharedAsset }>} `shared`: the
 *   Redoc bundle the page loads; the caller writes it next to the page.
 */
export async function buildApiPage({ api, document, outFile, workDir }) {
  const input = join(workDir, `${api}.openapi.json`);
  const rendered = join(workDir, `${api}.html`);
  writeFileSync(input, JSON.stringify(document, null, 2));
  const args = [
    redoclyCli(),
    "build-docs",
    input,
    "--inlineBundle",
    "--output",
    rendered,
    "--template",
    pageTemplatePath,
  ];
  args.push("--openapi", JSON.stringify(redocOptions(api)));
  try {
    await run(process.execPath, args, {
      cwd: workDir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`redocly build-docs failed for ${api}:\n${stdout}${stderr}`);
  }
  // Offline first (the logo URLs are inside the bundle), then the bundle out, then the policy over what stays.
  const { html: page, asset: shared } = shareRedocBundle(inlineRedoclyLogo(readFileSync(rendered, "utf8")));
  const html = applyContentSecurityPolicy(page);
  writeFileSync(outFile, html);
  return { bytes: Buffer.byteLength(html), shared };
}
