// The committed samples/ folder: what it should contain, writing it, and the drift check.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allOperations } from "./operations.mjs";
import { renderTypeScriptSample, sampleFileName } from "./code-samples.mjs";

/**
 * File name -> content of every sample the specs call for.
 * @param {import("./operations.mjs").OperationDoc[]} [operations]
 * @returns {Map<string, string>}
 */
export function expectedSampleFiles(operations = allOperations()) {
  return new Map(operations.map((op) => [sampleFileName(op), renderTypeScriptSample(op)]));
}

/** @param {string} dir */
function presentSampleFiles(dir) {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(".ts"));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Compares a samples folder with what the generator would write.
 * @param {string} dir
 * @param {Map<string, string>} [expected]
 * @returns {{ missing: string[], changed: string[], extra: string[] }}
 */
export function diffSamples(dir, expected = expectedSampleFiles()) {
  const present = presentSampleFiles(dir);
  const missing = [...expected.keys()].filter((name) => !present.includes(name));
  const changed = [...expected]
    .filter(([name, text]) => present.includes(name) && readFileSync(join(dir, name), "utf8") !== text)
    .map(([name]) => name);
  const extra = present.filter((name) => !expected.has(name));
  return { missing, changed, extra };
}

/**
 * Writes the expected samples and removes stale ones; returns what it changed.
 * @param {string} dir
 * @param {Map<string, string>} [expected]
 */
export function writeSamples(dir, expected = expectedSampleFiles()) {
  const diff = diffSamples(dir, expected);
  mkdirSync(dir, { recursive: true });
  for (const name of [...diff.missing, ...diff.changed])
    writeFileSync(join(dir, name), /** @type {string} */ (expected.get(name)));
  for (const name of diff.extra) rmSync(join(dir, name));
  return diff;
}
