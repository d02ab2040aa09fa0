// Bundles code that imports @dbupgrade/mocks for the browser with esbuild, resolving the package's
// entries to src/ (as the examples import them by name).
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";

const source = (entry: string) => fileURLToPath(new URL(`../../src/${entry}.ts`, import.meta.url));

const packageEntries: Plugin = {
  name: "dbupgrade-mocks-source",
  setup(b) {
    b.onResolve({ filter: /^@dbupgrade\/mocks(\/(browser|node|server))?$/ }, (args) => ({
      path: source(args.path.split("/")[2] ?? "index"),
    }));
  },
};

export async function bundleForBrowser(
  entry: string,
  outfile?: string,
): Promise<{ metafile: Metafile; bytes: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: outfile !== undefined,
    ...(outfile ? { outfile } : { outdir: "/nonexistent" }),
    minify: true,
    metafile: true,
    logLevel: "silent",
    plugins: [packageEntries],
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { metafile: result.metafile, bytes };
}
