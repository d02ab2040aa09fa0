// @ts-check
// Throwaway apps outside the repository, set up by the README's own install commands.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./workspace.mjs";

/** The ```sh block of the root README whose first line is `# <title>`. */
export function readmeShellBlock(title, readme = readFileSync(join(repoRoot, "README.md"), "utf8")) {
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith(`# ${title}`));
  if (!block) throw new Error(`README.md has no sh block starting with "# ${title}"`);
  return block;
}

/**
 * The environment of a user's shell: without the npm_*, pnpm, turbo and vitest variables that the
 * test runner's own `pnpm run` put there (they would steer the app's npm, pnpm and vitest).
 */
export function userEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|PNPM_|pnpm_|TURBO_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|INIT_CWD$)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  };
}

/** A new app folder with the package.json that `npm init` would leave, as an ES module package. */
export function createApp(prefix = "dbupgrade-app-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "my-app", version: "1.0.0", private: true, type: "module" }, null, 2) + "\n",
  );
  return dir;
}

/**
 * Runs a README shell block in `dir`, with its `R=/path/to/dbupgrade/release` line pointing at
 * `releaseDir`. Asynchronous, so that the npm and pnpm installs (network and disk bound) overlap.
 * @returns {Promise<{ status: number | null, output: string }>}
 */
export function runReadmeBlock(block, dir, releaseDir, extraEnv = {}) {
  const placeholder = "R=/path/to/dbupgrade/release\n";
  if (!block.includes(placeholder)) throw new Error(`the README block does not set ${placeholder.trim()}`);
  const script = `set -euo pipefail\n${block.replace(placeholder, `R=${JSON.stringify(releaseDir)}\n`)}`;
  return runAsync("bash", ["-c", script], dir, extraEnv);
}

/** @returns {Promise<{ status: number | null, output: string }>} */
export function runAsync(command, args, cwd, extraEnv = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: userEnv(extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => (output += String(error)));
    child.on("close", (status) => resolvePromise({ status, output }));
  });
}

export function run(command, args, cwd, extraEnv = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: userEnv(extraEnv),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`,
  };
}
