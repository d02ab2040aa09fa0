// @ts-nocheck: rewritten for the default transport while the tools got // @ts-check; typing its child-process and result tables is still to do.
// Min+gzip sizes of browser bundles of the built package (esbuild, platform browser, tree-shaken), the
// way an application bundles it, against bare openapi-fetch in the same run. Run after the build:
// `node bench/bundle-size.mjs` (writes bench/RESULTS-bundle.md; `--no-write` only prints).
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const entries = {
  "everything (`import *`): four clients, batch helpers, plan / follow / compose, signing": `import * as c from "./dist/index.js"; export default c;`,
  "all four clients + signing (`createDbUpgradeClients`)": `export { createDbUpgradeClients } from "./dist/index.js";`,
  "one client + signing (`createGeminiDbClient`)": `export { createGeminiDbClient } from "./dist/index.js";`,
  "one service entry, client + signing (`createGeminiDbClient` from `@dbupgrade/client/geminidb`)": `export { createGeminiDbClient } from "./dist/entries/geminidb.js";`,
  "one service entry, everything (`import *` of `@dbupgrade/client/geminidb`: client, batch, plan, follow, compose)": `import * as c from "./dist/entries/geminidb.js"; export default c;`,
  "one client + its batch helper + signing": `export { createGeminiDbClient, upgradeGeminiDbInBatches } from "./dist/index.js";`,
  "one client + batch helper + follow (`waitForUpgrades`)": `export { createGeminiDbClient, upgradeGeminiDbInBatches, waitForUpgrades } from "./dist/index.js";`,
  "one client + plan + batch helper + follow + compose": `export { createGeminiDbClient, planGeminiDbUpgrades, upgradeGeminiDbInBatches, waitForUpgrades, upgradeGeminiDbAndWait } from "./dist/index.js";`,
  "baseline: bare openapi-fetch": `export { default } from "openapi-fetch";`,
};

export async function measureBundles() {
  const rows = [];
  for (const [name, contents] of Object.entries(entries)) {
    const result = await build({
      stdin: { contents, resolveDir: packageDir, loader: "js" },
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      minify: true,
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const code = result.outputFiles[0].contents;
    // What each byte buys: minified bytes per input module (esbuild metafile), largest first.
    const [output] = Object.values(result.metafile.outputs);
    const modules = Object.entries(output.inputs)
      .map(([input, { bytesInOutput }]) => ({
        input: input.replace(/^.*node_modules\//, "").replace(/^\.\.\//, "packages/"),
        bytes: bytesInOutput,
      }))
      .filter((m) => m.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    rows.push({ name, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, modules });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = await measureBundles();
  const bare = rows.find((row) => row.name.startsWith("baseline"));
  const one = rows.find((row) => row.name.startsWith("one client + signing"));
  const lines = [
    "# @dbupgrade/client bundle sizes",
    "",
    `Command: \`node packages/client/bench/bundle-size.mjs\` (after \`pnpm build\`; part of \`pnpm bench\`). Date: ${new Date().toISOString()}. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} (sizes do not depend on it). esbuild, platform browser, ESM, minified, tree-shaken; gzip level 9.`,
    "",
    "Goals: one client + signing ≤ 5 KB min+gzip, all four ≤ 8 KB.",
    "",
    "| bundle | minified | min+gzip | vs bare openapi-fetch (min+gzip) |",
    "|---|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzipped)} | ${(row.gzipped / bare.gzipped).toFixed(2)}× |`,
    ),
    "",
    `What the bytes of "${one.name}" buy (minified bytes per module):`,
    "",
    "| module | minified bytes | share |",
    "|---|---:|---:|",
    ...one.modules.map((m) => `| ${m.input} | ${m.bytes} | ${((100 * m.bytes) / one.minified).toFixed(1)}% |`),
    "",
  ];
  console.log(lines.join("\n"));
  if (!process.argv.includes("--no-write"))
    writeFileSync(new URL("./RESULTS-bundle.md", import.meta.url), lines.join("\n"));
}
