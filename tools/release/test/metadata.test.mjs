// @ts-check
// What a user reads before installing and what the registry shows: license, repository, engines and
// peer ranges that run on Node 20, and README install lines that list everything the examples import.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeShellBlock } from "../src/temp-app.mjs";
import { publishablePackages, repoRoot, workspacePackages } from "../src/workspace.mjs";

const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");
const publishable = publishablePackages();

/** Package names a TypeScript file imports (bare specifiers only, builtins excluded). */
function importedPackages(code) {
  const names = new Set();
  for (const [, specifier] of code.matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
    if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
  }
  return names;
}

/** The first ```sh block after a package README's `## Install` heading. */
function installBlock(readme) {
  const section = readme.split(/\n## Install\n/)[1]?.split(/\n## /)[0];
  return section?.match(/```sh\n([\s\S]*?)```/)?.[1];
}

/** A package named on an install line, as `name` or `name@range`, or inside a `file:` spec. */
const names = (block, name) =>
  new RegExp(`(^|[\\s"./])${name.replace(/[/.]/g, "\\$&")}(@[^\\s"]+)?(?=[\\s"=]|$)`, "m").test(block);

// Node 20 cannot run these majors (they need Node >= 22); install lines and peer ranges must stay below them.
const node22Only = { msw: 3, vitest: 5 };

describe("license and repository", () => {
  it("the repository has the full Apache-2.0 text, and every publishable package a copy of it", () => {
    expect(license).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(license).toContain("END OF TERMS AND CONDITIONS");
    for (const pkg of publishable)
      expect(readFileSync(join(pkg.dir, "LICENSE"), "utf8"), `${pkg.relativeDir}/LICENSE`).toBe(license);
  });

  it.each(workspacePackages().map((p) => [p.relativeDir, p]))(
    "%s declares Apache-2.0 and its repository directory",
    (_dir, pkg) => {
      expect(pkg.manifest.license).toBe("Apache-2.0");
      expect(pkg.manifest.repository).toEqual({ ...rootManifest.repository, directory: pkg.relativeDir });
    },
  );
});

describe("engines and peer ranges", () => {
  it.each(publishable.map((p) => [p.name, p]))(
    "%s says Node 20.19 or later and allows no Node-22-only peer",
    (_name, pkg) => {
      expect(pkg.manifest.engines?.node).toBe(rootManifest.engines.node);
      for (const [peer, range] of Object.entries(pkg.manifest.peerDependencies ?? {})) {
        if (peer in node22Only)
          expect(range, `${pkg.name} peer ${peer}`).toMatch(new RegExp(`^\\^${node22Only[peer] - 1}\\.\\d+\\.\\d+$`));
      }
    },
  );

  it("every README says Node 20.19 or later, in those words", () => {
    const readmes = ["README.md", ...workspacePackages().map((p) => join(p.relativeDir, "README.md"))];
    for (const file of readmes) {
      let text;
      try {
        text = readFileSync(join(repoRoot, file), "utf8");
      } catch {
        continue;
      }
      for (const line of text.split("\n")) {
        expect(line, file).not.toMatch(/Node(\.js)?\s*(\d+\+|≥|>=)/);
        // "Node 20" alone is how the README drifted from engines; a measured machine may name its version.
        if (!/machine/.test(line)) expect(line, file).not.toMatch(/Node(\.js)? 20(?!\.\d)/);
      }
    }
  });
});

describe("README install lines list everything the examples import", () => {
  it.each(publishable.map((p) => [p.name, p]))("%s", (_name, pkg) => {
    const readme = readFileSync(join(pkg.dir, "README.md"), "utf8");
    const block = installBlock(readme);
    expect(block, `${pkg.relativeDir}/README.md has no sh block under "## Install"`).toBeTruthy();
    // Optional peers (the client's @dbupgrade/specs, needed only by its ./check subpath) are not required.
    const optional = pkg.manifest.peerDependenciesMeta ?? {};
    const peers = Object.keys(pkg.manifest.peerDependencies ?? {}).filter((name) => optional[name]?.optional !== true);
    const needed = new Set([pkg.name, ...peers]);
    for (const file of readdirSync(join(pkg.dir, "examples")).filter((f) => f.endsWith(".ts"))) {
      for (const name of importedPackages(readFileSync(join(pkg.dir, "examples", file), "utf8"))) needed.add(name);
    }
    for (const name of needed)
      expect(names(block, name), `${pkg.relativeDir}/README.md install line lacks ${name}`).toBe(true);
    for (const [name, major] of Object.entries(node22Only)) {
      if (needed.has(name)) expect(block).toContain(`${name}@^${major - 1}.`);
    }
  });

  it.each([
    "npm: install from the registry, once published",
    "npm: install from the tarballs",
    "pnpm: install from the tarballs",
  ])("the root README's %s block installs every package its examples import", (title) => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const block = readmeShellBlock(title, readme);
    const needed = new Set(["msw"]);
    for (const [, code] of readme.matchAll(/```ts\n([\s\S]*?)```/g))
      for (const name of importedPackages(code)) needed.add(name);
    for (const name of needed) expect(names(block, name), `README "${title}" lacks ${name}`).toBe(true);
    for (const [name, major] of Object.entries(node22Only)) expect(block).toContain(`${name}@^${major - 1}.`);
  });
});

describe("the release test's build order", () => {
  it("tools/release depends on every publishable package, so turbo builds them before it packs", () => {
    const own = JSON.parse(readFileSync(join(repoRoot, "tools/release/package.json"), "utf8"));
    for (const { name } of publishable) {
      expect(
        own.devDependencies[name],
        `add "${name}": "workspace:*" to tools/release/package.json devDependencies`,
      ).toBe("workspace:*");
    }
  });
});

describe("changesets", () => {
  it("publishes publicly and every pending changeset names only publishable packages", () => {
    const config = JSON.parse(readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"));
    expect(config.access).toBe("public");
    const names = new Set(publishable.map((p) => p.name));
    for (const file of readdirSync(join(repoRoot, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    )) {
      const front = readFileSync(join(repoRoot, ".changeset", file), "utf8").split("---")[1] ?? "";
      for (const [, name, bump] of front.matchAll(/^"([^"]+)":\s*(\w+)\s*$/gm)) {
        expect(names.has(name), `.changeset/${file} names ${name}`).toBe(true);
        expect(["major", "minor", "patch"]).toContain(bump);
      }
    }
  });
});
