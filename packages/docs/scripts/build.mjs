#!/usr/bin/env node
// @ts-check
// Builds the docs site into site/ (or --out <dir>): one Redoc page per API, raw specs, portal.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildSite } from "../src/site.mjs";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const outDir = values.out ?? fileURLToPath(new URL("../site", import.meta.url));
const started = performance.now();
const { pages } = await buildSite({ outDir });
const kib = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`docs site built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${outDir}`);
for (const [page, bytes] of Object.entries(pages)) console.log(`  ${page.padEnd(16)} ${kib(bytes)}`);
