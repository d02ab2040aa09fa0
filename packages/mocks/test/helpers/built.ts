// Tests of the bin run the built dist/ (as users do). Under turbo, `build` has run already; when
// running vitest directly, this rebuilds dist/ first if any source file is newer.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("../..", import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(packageDir, "dist", "cli.js")).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newest(join(packageDir, "src"))) return;
  const tsc = createRequire(join(packageDir, "package.json")).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: packageDir, stdio: "inherit" });
}
