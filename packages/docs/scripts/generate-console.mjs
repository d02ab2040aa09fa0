#!/usr/bin/env node
// @ts-check
// Writes the console's generated code (src/console/generated/validators.js) from the specs.
//   node scripts/generate-console.mjs            write when it changes
//   node scripts/generate-console.mjs --check    exit 1 when the committed file differs (drift)
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  checkValidatorsModule,
  validatorsModuleUrl,
  writeValidatorsModule,
} from "../src/console/validators-codegen.mjs";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const file = fileURLToPath(validatorsModuleUrl);

if (values.check) {
  if (checkValidatorsModule().stale) {
    console.error(
      `docs console validators drifted from the specs (run \`pnpm generate\` and commit):\n  stale   ${file}`,
    );
    process.exit(1);
  }
  console.log(`docs console validators up to date (${file})`);
} else {
  console.log(
    writeValidatorsModule() ? `docs console validators: wrote ${file}` : "docs console validators: up to date",
  );
}
