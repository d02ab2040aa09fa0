#!/usr/bin/env node
// @ts-check
// Root scripts: `pnpm release:pack [--out <dir>] [--no-build]` and `pnpm example [<name>|--list]`.
import { parseArgs } from "node:util";
import { relative, resolve } from "node:path";
import { defaultOutDir, packAll } from "./pack.mjs";

const [command, ...rest] = process.argv.slice(2);

if (command === "pack") {
  const { values } = parseArgs({ args: rest, options: { out: { type: "string" }, "no-build": { type: "boolean" } } });
  const outDir = values.out ? resolve(process.cwd(), values.out) : defaultOutDir;
  let packed;
  try {
    packed = packAll({ outDir, build: !values["no-build"] });
  } catch (error) {
    console.error(`release:pack: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  for (const p of packed)
    console.log(`${p.file.padEnd(28)} ${p.name}@${p.version}  ${(p.bytes / 1024).toFixed(1)} KB, ${p.files} files`);
  console.log(
    `\n${packed.length} tarballs in ${relative(process.cwd(), outDir) || "."} (install them as the README's "Install" section says)`,
  );
} else if (command === "example") {
  const { runExampleCli } = await import("./examples.mjs");
  process.exitCode = await runExampleCli(rest);
} else {
  console.error(
    `usage: node ${relative(process.cwd(), new URL(import.meta.url).pathname)} pack [--out <dir>] [--no-build] | example [<name>|--list]`,
  );
  process.exitCode = 2;
}
