// Builds the whole site: one Redoc page per API (with generated x-codeSamples), the raw bundled
// specs for download, the portal and its favicon. Same inputs, byte-identical output.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiDocuments, apiNames } from "@dbupgrade/specs";
import { apiOperations, operationObject } from "./operations.mjs";
import { codeSamplesFor, renderCurlSample, sampleFileName, sampleForDocs, samplesDirUrl } from "./code-samples.mjs";
import { buildApiPage } from "./redoc-page.mjs";
import { renderPortal } from "./portal.mjs";
import { consoleOperationsOf, consolePageName } from "./console/console-operations.mjs";
import { writeConsole } from "./console/write-console.mjs";

const require = createRequire(import.meta.url);

/** @typedef {import("@dbupgrade/specs").ApiName} ApiName */

/**
 * The committed TypeScript sample of an operation (the build never regenerates it: the committed,
 * type-checked file is what the docs show).
 * @param {{ api: string, operationId: string }} op
 * @param {URL} samplesDir
 */
function readSample(op, samplesDir) {
  const file = new URL(sampleFileName(op), samplesDir);
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new Error(`missing sample ${file.pathname}: run \`pnpm generate\``);
  }
}

/**
 * A copy of an API's document with x-codeSamples on every operation.
 * @param {ApiName} api
 * @param {any} document
 * @param {URL} samplesDir
 */
export function documentWithCodeSamples(api, document, samplesDir = samplesDirUrl) {
  const copy = structuredClone(document);
  // Redoc shows x-logo above the sidebar: the way back to the portal.
  copy.info["x-logo"] = { url: "portal-logo.svg", altText: "All APIs: the dbupgrade docs portal", href: "index.html" };
  for (const op of apiOperations(api, copy)) {
    const operation = operationObject(copy, op);
    operation["x-codeSamples"] = codeSamplesFor(op, readSample(op, samplesDir));
    // The way to the operation's console page (console/), under its description.
    operation.description =
      `${operation.description ?? ""}\n\n[Try it in the console](console/${consolePageName(op)}): send it to the local mock, with a token or AK/SK signing.`.trimStart();
  }
  return copy;
}

/**
 * Runs `tasks` with at most `limit` at a time (build-docs is CPU-bound; machines have 2 cores).
 * @template T
 * @param {(() => Promise<T>)[]} tasks
 * @param {number} limit
 * @returns {Promise<T[]>}
 */
async function inBatches(tasks, limit) {
  /** @type {T[]} */
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await /** @type {() => Promise<T>} */ (tasks[index])();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * @param {{
 *   outDir: string,
 *   apis?: readonly ApiName[],
 *   documents?: Partial<Record<ApiName, any>>,
 *   samplesDir?: URL,
 *   concurrency?: number,
 * }} options `documents` replaces bundled documents (tests build pages from altered copies).
 * @returns {Promise<{ pages: Record<string, number> }>} bytes of each page written
 */
export async function buildSite({
  outDir,
  apis = apiNames,
  documents = {},
  samplesDir = samplesDirUrl,
  concurrency = 2,
}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "specs"), { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "dbupgrade-docs-"));
  try {
    const pageSizes = await inBatches(
      apis.map((api) => async () => {
        const document = documentWithCodeSamples(api, documents[api] ?? apiDocuments[api], samplesDir);
        const { bytes, shared } = await buildApiPage({ api, document, outFile: join(outDir, `${api}.html`), workDir });
        writeFileSync(join(outDir, shared.file), shared.content); // the same bytes (and name) from every page
        return /** @type {const} */ ([`${api}.html`, bytes]);
      }),
      concurrency,
    );
    for (const api of apis) {
      for (const format of ["json", "yaml"]) {
        copyFileSync(
          require.resolve(`@dbupgrade/specs/bundled/${api}.${format}`),
          join(outDir, "specs", `${api}.${format}`),
        );
      }
    }
    const operations = apis.flatMap((api) =>
      apiOperations(api, documents[api] ?? apiDocuments[api]).map((op) => ({
        op,
        typescript: sampleForDocs(readSample(op, samplesDir)),
        curl: renderCurlSample(op),
      })),
    );
    const portal = renderPortal(operations);
    writeFileSync(join(outDir, "index.html"), portal);
    for (const asset of ["favicon.svg", "portal-logo.svg"])
      copyFileSync(new URL(`../templates/${asset}`, import.meta.url), join(outDir, asset));
    const consoleSizes = await writeConsole(
      outDir,
      apis.flatMap((api) => consoleOperationsOf(api, documents[api] ?? apiDocuments[api])),
    );
    return {
      pages: Object.fromEntries([
        ...pageSizes,
        ["index.html", Buffer.byteLength(portal)],
        ...Object.entries(consoleSizes),
      ]),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
