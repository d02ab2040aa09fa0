// Bundles the console's browser code (app/main.js with @dbupgrade/client, @dbupgrade/aksk, the
// mock's request validation and the generated validators) into one minified ES module.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

export const consoleCss = () => readFileSync(new URL("./console.css", import.meta.url), "utf8");

/**
 * The page uses only toIssues / describeIssues from @dbupgrade/specs/validation: the schemas are
 * compiled ahead of time (generated/validators.js). That module also imports ajv's compiler for
 * createSpecValidator, which a bundler cannot drop (CommonJS); this plugin hands it empty modules
 * in its place, cutting about 130 KB. Only imports made by specs' validation module are replaced;
 * the generated validators' own runtime imports (ajv/dist/runtime/*, ajv-formats/dist/formats) stay.
 * @type {import("esbuild").Plugin}
 */
const withoutAjvCompiler = {
  name: "without-ajv-compiler",
  setup(build) {
    build.onResolve({ filter: /^ajv(-formats)?(\/dist\/2020(\.js)?)?$/ }, (args) =>
      /[\\/]specs[\\/]dist[\\/]validation\.js$/.test(args.importer)
        ? { path: args.path, namespace: "ajv-compiler-stub" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "ajv-compiler-stub" }, () => ({
      contents:
        "export class Ajv2020 { constructor() { throw new Error('ajv compiler is not in the console bundle'); } } export default function addFormats() {}",
      loader: "js",
    }));
  },
};

/** @returns {Promise<string>} console.js */
export async function bundleConsoleScript() {
  const result = await build({
    entryPoints: [new URL("./app/main.js", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
    plugins: [withoutAjvCompiler],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild wrote no console bundle");
  return output.text;
}
