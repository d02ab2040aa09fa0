// Browser bundles of the client, built the way an application would (esbuild, platform browser,
// minified, tree-shaken), for the bundle tests and the size report.
import { build, type Metafile } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("../..", import.meta.url));

export interface BrowserBundle {
  code: string;
  /** Modules with code in the bundle. */
  inputs: string[];
  minified: number;
  gzipped: number;
}

/** Bundles an entry module written against `@dbupgrade/client` (resolved to `entryTarget`). */
export async function browserBundle(entry: string, entryTarget: "src" | "dist" = "src"): Promise<BrowserBundle> {
  const target = entryTarget === "src" ? "./src/index.ts" : "./dist/index.js";
  const result = await build({
    stdin: {
      contents: entry.replaceAll('"@dbupgrade/client"', JSON.stringify(target)),
      resolveDir: packageDir,
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const metafile: Metafile = result.metafile;
  // Modules that contributed code (metafile.inputs also lists modules visited and then shaken away).
  const output = Object.values(metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([path]) => path);
  return { code, inputs, minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length };
}

export const entries = {
  "all four clients + batch helpers + signing": `
    import * as client from "@dbupgrade/client";
    export default client;`,
  "all four clients + signing (createDbUpgradeClients)": `
    import { createDbUpgradeClients } from "@dbupgrade/client";
    export default createDbUpgradeClients;`,
  "one client (GeminiDB) + signing": `
    import { createGeminiDbClient } from "@dbupgrade/client";
    export default createGeminiDbClient;`,
  "one client (GeminiDB) + its batch helper + signing": `
    import { createGeminiDbClient, upgradeGeminiDbInBatches } from "@dbupgrade/client";
    export { createGeminiDbClient, upgradeGeminiDbInBatches };`,
} as const;
