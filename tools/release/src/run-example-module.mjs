// @ts-check
// Child process of `pnpm example`: imports one transpiled example (which runs its top-level code),
// then prints what it exports. Exported functions without parameters are called, so an example that
// only defines a function (the standalone-server one) still runs.
import { inspect } from "node:util";
import { pathToFileURL } from "node:url";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: run-example-module.mjs <example.mjs>");
const module = await import(pathToFileURL(file).href);
for (const [name, value] of Object.entries(module)) {
  const shown = typeof value === "function" ? (value.length === 0 ? await value() : undefined) : value;
  if (shown !== undefined)
    console.log(`export ${name} =`, inspect(shown, { depth: 6, colors: false, breakLength: 120 }));
}
