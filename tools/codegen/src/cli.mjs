#!/usr/bin/env node
// @ts-check
// `write` regenerates every derived file; `check` fails (exit 1) when any is stale, missing or extra.
import { checkDrift, generateAll, writeAll } from "./generate.mjs";

const mode = process.argv[2] ?? "write";
const files = await generateAll();
if (mode === "write") {
  await writeAll(files);
  console.log(`generated ${files.size} files from specs/`);
} else if (mode === "check") {
  const problems = await checkDrift(files);
  if (problems.length) {
    for (const p of problems) console.error(`drift: ${p.kind} ${p.path}`);
    console.error(
      `\n${problems.length} generated file(s) differ from specs/. Run \`pnpm generate\` and commit; never edit them by hand.`,
    );
    process.exit(1);
  }
  console.log(`drift check: ${files.size} generated files match specs/`);
} else {
  console.error("usage: cli.mjs write|check");
  process.exit(2);
}
