#!/usr/bin/env node
// @ts-check
// Writes samples/<api>.<operationId>.ts from the specs and the template.
//   node scripts/generate-samples.mjs            write (only files whose content changes)
//   node scripts/generate-samples.mjs --check    exit 1 when the committed samples differ (drift)
//   --dir <path>                                 another folder (tests)
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { samplesDirUrl } from "../src/code-samples.mjs";
import { diffSamples, writeSamples } from "../src/sample-files.mjs";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, dir: { type: "string" } } });
const dir = values.dir ?? fileURLToPath(samplesDirUrl);

if (values.check) {
  const { missing, changed, extra } = diffSamples(dir);
  const problems = [
    ...missing.map((n) => `missing ${n}`),
    ...changed.map((n) => `stale   ${n}`),
    ...extra.map((n) => `extra   ${n}`),
  ];
  if (problems.length) {
    console.error(
      `docs samples drifted from the specs (run \`pnpm generate\` and commit):\n  ${problems.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log(`docs samples up to date (${dir})`);
} else {
  const { missing, changed, extra } = writeSamples(dir);
  const touched = missing.length + changed.length + extra.length;
  console.log(
    touched
      ? `docs samples: wrote ${missing.length + changed.length}, removed ${extra.length}`
      : "docs samples: up to date",
  );
}
