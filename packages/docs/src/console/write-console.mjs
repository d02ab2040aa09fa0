// Writes the console into the site: console/<api>.<operationId>.html per operation, the index,
// the shared console.js bundle and console.css. Returns each file's size.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleConsoleScript, consoleCss } from "./bundle.mjs";
import { consolePageName } from "./console-operations.mjs";
import { renderConsoleIndex, renderConsolePage } from "./page.mjs";

/**
 * @param {string} outDir the site folder
 * @param {import("./console-operations.mjs").ConsoleOperation[]} operations
 * @returns {Promise<Record<string, number>>} bytes per file, keyed by its path in the site
 */
export async function writeConsole(outDir, operations) {
  const dir = join(outDir, "console");
  mkdirSync(dir, { recursive: true });
  /** @type {[string, string][]} */
  const files = [
    ["console.js", await bundleConsoleScript()],
    ["console.css", consoleCss()],
    ["index.html", renderConsoleIndex(operations)],
    ...operations.map((op) => /** @type {[string, string]} */ ([consolePageName(op), renderConsolePage(op)])),
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return Object.fromEntries(files.map(([name, text]) => [`console/${name}`, Buffer.byteLength(text)]));
}
