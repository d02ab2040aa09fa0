#!/usr/bin/env node
// @ts-check
// The one test command (`npm test`, run by .ci/run): Chromium present, then Biome, lint, typecheck, build
// and test every package through turbo, then the drift checks. Ends with one "N passed, N failed" line.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};

/**
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<{ code: number, output: string }>}
 */
function step(title, command, args) {
  console.log(`\n== ${title}: ${command} ${args.join(" ")}`);
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    /** @param {import("node:stream").Readable} stream @param {NodeJS.WriteStream} sink */
    const relay = (stream, sink) =>
      stream.on("data", (/** @type {Buffer} */ chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

// Generators run inside the build (turbo's `generate` tasks): if one rewrites a committed file, the
// committed file was stale. Snapshot the working tree's state before and after to catch that.
function treeState() {
  const git = (/** @type {string[]} */ args) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  const status = git(["status", "--porcelain", "--untracked-files=all"]);
  if (status.status !== 0) return null; // not a git checkout: the drift scripts still run
  return status.stdout + git(["diff", "HEAD"]).stdout;
}
const before = treeState();

const failures = [];
const chromium = spawnSync("bash", ["tools/ci/ensure-chromium.sh"], { cwd: root, env, stdio: "inherit" });
if (chromium.status !== 0) failures.push("chromium install");

// Biome: formatting (line width 120) and the linter's recommended rules, over every hand-written source file.
const style = await step("format and lint", "biome", ["ci", ".", "--colors=off", "--diagnostic-level=error"]);
if (style.code !== 0) failures.push("biome ci (run `pnpm format` to fix formatting)");

const turbo = await step("lint, typecheck, build, test", "turbo", [
  "run",
  "lint",
  "typecheck",
  "build",
  "test",
  "--concurrency=2",
  "--continue",
  "--output-logs=full",
]);
if (turbo.code !== 0) failures.push("turbo run lint typecheck build test");

// Regenerate in memory and compare with the committed tree: every package that generates files has a `drift` script.
const drift = await step("drift", "pnpm", ["-r", "--if-present", "run", "drift"]);
if (drift.code !== 0) failures.push("drift check");

const after = treeState();
if (before !== null && after !== before) {
  console.error(
    "\nThe run changed the working tree: a generated file was stale (regenerate with `pnpm generate` and commit):",
  );
  console.error(spawnSync("git", ["status", "--short"], { cwd: root, encoding: "utf8" }).stdout);
  failures.push("generated files changed during the run");
}

// vitest prints "Tests  12 passed | 1 failed (13)" per package (replayed from turbo's cache too).
let passed = 0;
let failed = 0;
for (const match of turbo.output.matchAll(/^\S*\s*Tests\s+(.*)\(\d+\)\s*$/gm)) {
  const counts = match[1] ?? "";
  passed += Number(counts.match(/(\d+) passed/)?.[1] ?? 0);
  failed += Number(counts.match(/(\d+) failed/)?.[1] ?? 0);
}
if (failures.length && failed === 0) failed = failures.length;

console.log(`\n${failures.length ? `FAILED: ${failures.join(", ")}` : "all checks green"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
