// @ts-check
// The workspace's publishable packages, found the way pnpm finds packages: the globs of
// pnpm-workspace.yaml, every package.json that is not `"private": true`. No hand-written list, so a
// new package is packed, checked and installed by the release test the day it appears.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** @typedef {{ name: string, version: string, dir: string, relativeDir: string, manifest: Record<string, any> }} WorkspacePackage */

/** Every workspace package (private ones included), sorted by directory. */
export function workspacePackages(root = repoRoot) {
  const { packages: globs = [] } = parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) ?? {};
  /** @type {WorkspacePackage[]} */
  const found = [];
  for (const glob of globs) {
    // pnpm-workspace.yaml here uses `dir/*` globs; anything fancier is refused rather than misread.
    const match = /^([\w./-]+)\/\*$/.exec(glob);
    if (!match)
      throw new Error(`pnpm-workspace.yaml: unsupported package glob ${JSON.stringify(glob)} (expected "<dir>/*")`);
    const dir = /** @type {string} */ (match[1]);
    const parent = join(root, dir);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifestPath = join(parent, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      const relativeDir = `${dir}/${entry.name}`;
      found.push({
        name: manifest.name,
        version: manifest.version,
        dir: join(parent, entry.name),
        relativeDir,
        manifest,
      });
    }
  }
  return found.sort((a, b) => a.relativeDir.localeCompare(b.relativeDir));
}

/** The packages that get published: every workspace package that is not private. */
export function publishablePackages(root = repoRoot) {
  return workspacePackages(root).filter((p) => p.manifest.private !== true);
}

/** `@dbupgrade/client` -> `dbupgrade-client.tgz`: a file name without the version, so install lines stay true across releases. */
/** @param {string} packageName */
export function tarballName(packageName) {
  return `${packageName.replace(/^@/, "").replace(/\//g, "-")}.tgz`;
}
