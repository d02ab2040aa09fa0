// @ts-check
// `pnpm release:pack`: builds every publishable package, packs each with `pnpm pack` (which turns
// `workspace:*` into the sibling's version, as `pnpm publish` does) and writes the tarballs under
// stable names into one folder, with a manifest. Every tarball is checked before it is kept.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishablePackages, repoRoot, tarballName } from "./workspace.mjs";

export const defaultOutDir = join(repoRoot, "release");

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Builds the publishable packages (turbo, cached). */
export function buildPublishable(packages = publishablePackages()) {
  const filters = packages.map((p) => `--filter=${p.name}`);
  const result = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only", ...filters], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("build of the publishable packages failed");
}

/** The files and package.json inside a tarball. */
export function readTarball(file) {
  const files = run("tar", ["-tzf", file], repoRoot)
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  const manifest = JSON.parse(run("tar", ["-xzOf", file, "package/package.json"], repoRoot));
  return { files, manifest };
}

function exportTargets(exportsField) {
  const targets = [];
  const walk = (node) => {
    if (typeof node === "string") targets.push(node);
    else if (node && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(exportsField);
  return targets.filter((t) => !t.includes("*")).map((t) => t.replace(/^\.\//, ""));
}

/** Why a packed tarball is not installable or not publishable; empty when it is fine. */
export function tarballProblems(pkg, { files, manifest }) {
  const problems = [];
  const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");
  if (!files.includes("LICENSE")) problems.push("no LICENSE file");
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${name} is still ${range}`);
    }
  }
  if (manifest.repository?.directory !== pkg.relativeDir)
    problems.push(`repository.directory is not ${pkg.relativeDir}`);
  if (manifest.license !== "Apache-2.0") problems.push("license is not Apache-2.0");
  if (!manifest.engines?.node) problems.push("no engines.node");
  for (const target of [
    ...exportTargets(manifest.exports),
    ...Object.values(manifest.bin ?? {}).map((b) => b.replace(/^\.\//, "")),
  ]) {
    if (!files.includes(target)) problems.push(`${target} is referenced by package.json but not in the tarball`);
  }
  if (readFileSync(join(pkg.dir, "LICENSE"), "utf8") !== license)
    problems.push("LICENSE differs from the repository's LICENSE");
  // tsc never deletes outputs: a dist file whose source is gone is a leftover of an older layout.
  if (files.some((f) => f.startsWith("src/"))) {
    // tsc output only (a .d.ts, or a .js with its .d.ts): a bundler's chunks (the CLI's) have no source file each.
    const fromTsc = (f) => f.endsWith(".d.ts") || files.includes(f.replace(/\.js$/, ".d.ts"));
    for (const built of files.filter((f) => /^dist\/.*\.(js|d\.ts)$/.test(f) && fromTsc(f))) {
      const source = built.replace(/^dist\//, "src/").replace(/\.(js|d\.ts)$/, ".ts");
      if (!files.includes(source) && !files.includes(source.replace(/\.ts$/, ".mts")))
        problems.push(`${built} has no source (stale build output: delete ${pkg.relativeDir}/dist and build again)`);
    }
  }
  return problems;
}

/**
 * Packs every publishable package into `outDir` as `<scope>-<name>.tgz` and writes `manifest.json`.
 * @returns {{ name: string, version: string, file: string, bytes: number, files: number, integrity: string }[]}
 */
export function packAll({ outDir = defaultOutDir, build = true } = {}) {
  const packages = publishablePackages();
  if (build) buildPublishable(packages);
  mkdirSync(outDir, { recursive: true });
  for (const old of readdirSync(outDir)) if (old.endsWith(".tgz") || old === "manifest.json") rmSync(join(outDir, old));
  const staging = mkdtempSync(join(tmpdir(), "dbupgrade-pack-"));
  const packed = [];
  try {
    // One pnpm process packs them all (a pnpm start per package costs seconds on a busy machine).
    run("pnpm", ["-r", ...packages.map((p) => `--filter=${p.name}`), "pack", "--pack-destination", staging], repoRoot);
    for (const pkg of packages) {
      const created = `${pkg.name.replace(/^@/, "").replace(/\//g, "-")}-${pkg.version}.tgz`;
      if (!readdirSync(staging).includes(created)) throw new Error(`pnpm pack wrote no ${created} for ${pkg.name}`);
      const file = join(outDir, tarballName(pkg.name));
      renameSync(join(staging, created), file);
      const contents = readTarball(file);
      const problems = tarballProblems(pkg, contents);
      if (problems.length) throw new Error(`${pkg.name}: ${problems.join("; ")}`);
      const bytes = readFileSync(file);
      packed.push({
        name: pkg.name,
        version: contents.manifest.version,
        file: tarballName(pkg.name),
        bytes: statSync(file).size,
        files: contents.files.length,
        integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
      });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(packed, null, 2) + "\n");
  return packed;
}
