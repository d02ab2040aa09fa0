// @ts-check
// What an install puts on disk: every package folder under node_modules (scoped ones included, the
// .bin and pnpm's virtual store skipped) and the bytes of their files.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

/** @param {string} dir @returns {number} */
function bytesOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesOf(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/**
 * @param {string} appDir
 * @returns {{ packages: { name: string, version: string, bytes: number }[], count: number, bytes: number }}
 */
export function installFootprint(appDir) {
  const seen = new Map();
  const visit = (/** @type {string} */ nodeModules) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith(".")) continue;
      const dirs = entry.startsWith("@")
        ? readdirSync(join(nodeModules, entry)).map((n) => join(nodeModules, entry, n))
        : [join(nodeModules, entry)];
      for (const linked of dirs) {
        const dir = realpathSync(linked); // pnpm links into its store: count each real folder once
        if (seen.has(dir) || !existsSync(join(dir, "package.json"))) continue;
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        seen.set(dir, { name: manifest.name, version: manifest.version, bytes: 0 });
        seen.get(dir).bytes =
          bytesOf(dir) - (existsSync(join(dir, "node_modules")) ? bytesOf(join(dir, "node_modules")) : 0);
        visit(join(dir, "node_modules"));
        // pnpm puts a package's dependencies next to it in the virtual store
        const storeSiblings = join(dir, ...manifest.name.split("/").map(() => ".."));
        if (storeSiblings.endsWith("node_modules")) visit(storeSiblings);
      }
    }
  };
  visit(join(appDir, "node_modules"));
  const packages = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { packages, count: packages.length, bytes: packages.reduce((sum, p) => sum + p.bytes, 0) };
}
