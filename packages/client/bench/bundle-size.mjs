// @ts-check
// Min+gzip sizes of browser bundles of the built package (esbuild, platform browser, tree-shaken), the
// way an application bundles it. Run after the build: `node bench/bundle-size.mjs`.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const entries = {
  "everything (`import *`): four clients, batch helpers, plan / follow / compose, signing": `import * as c from "./dist/index.js"; export default c;`,
  "all four clients + signing (`createDbUpgradeClients`)": `export { createDbUpgradeClients } from "./dist/index.js";`,
  "one client + signing (`createGeminiDbClient`)": `export { createGeminiDbClient } from "./dist/index.js";`,
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
  console.log("| bundle | minified | min+gzip |\n|---|---:|---:|");
  const rows = await measureBundles();
  for (const row of rows) console.log(`| ${row.name} | ${kb(row.minified)} | ${kb(row.gzipped)} |`);
  const one = rows.find((row) => row.name.startsWith("one client + signing"));
  if (!one) throw new Error('no "one client + signing" bundle');
  console.log(
    `\nWhat the bytes of "${one.name}" buy (minified bytes per module):\n\n| module | minified bytes | share |\n|---|---:|---:|`,
  );
  for (const m of one.modules)
    console.log(`| ${m.input} | ${m.bytes} | ${((100 * m.bytes) / one.minified).toFixed(1)}% |`);
}
