// @ts-check
// Bundles the `dbupgrade` executable with esbuild: one small entry file with commander and the help
// texts, and one chunk per command loaded on demand, so `dbupgrade --help` reads a few files instead
// of resolving dozens of modules (measured in bench/RESULTS.md). @dbupgrade/client stays a real
// dependency (one copy, shared with the caller's own code); the terminal libraries are bundled.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const outdir = new URL("dist/bundle", root).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root.pathname,
  entryPoints: { dbupgrade: "src/bin.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@dbupgrade/client"],
  chunkNames: "chunks/[name]-[hash]",
  define: { DBUPGRADE_VERSION: JSON.stringify(version) },
  // Some bundled CommonJS (cli-table3) calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __dbupgradeCreateRequire } from 'node:module'; const require = __dbupgradeCreateRequire(import.meta.url);",
  },
  // Minified: less to read and parse at every start (measured: about a quarter off the help path).
  minify: true,
  legalComments: "external",
  logLevel: "warning",
});
