// The main and browser entries must bundle for a browser with no Node built-in anywhere in them.
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "./helpers/bundle.js";

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url));
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe.each(["index", "browser"])("the %s entry", (name) => {
  it("bundles with platform: browser and imports no Node built-in", async () => {
    const { metafile, bytes } = await bundleForBrowser(entry(name));
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => nodeBuiltins.has(path))).toEqual([]);
    expect(Object.values(metafile.inputs).flatMap((i) => i.imports.filter((x) => x.external))).toEqual([]);
    expect(Object.keys(metafile.inputs).some((path) => /src\/(server|cli|node)\.ts$/.test(path))).toBe(false);
    expect(bytes).toBeGreaterThan(0);
  });
});

it("the server entry is the one that needs Node", async () => {
  await expect(bundleForBrowser(entry("server"))).rejects.toThrow(/node:http/);
});
