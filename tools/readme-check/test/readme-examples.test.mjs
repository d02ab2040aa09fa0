// @ts-check
// README examples must be code that is compiled or run somewhere. Packages keep their examples in
// `examples/*.ts` (type-checked and run by their own tests); this test holds the READMEs to them:
// each example file appears verbatim in its package README, and every ```ts block of the root
// README is one of those files.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../..", import.meta.url).pathname;
const packageDirs = readdirSync(join(root, "packages"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join("packages", d.name));

const normalize = (code) => code.replace(/\r\n/g, "\n").trim();
const tsBlocks = (markdown) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => normalize(m[1]));

const examples = packageDirs.flatMap((dir) => {
  const exampleDir = join(root, dir, "examples");
  if (!existsSync(exampleDir)) return [];
  return readdirSync(exampleDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({
      dir,
      file: join(dir, "examples", f),
      code: normalize(readFileSync(join(root, dir, "examples", f), "utf8")),
    }));
});

describe("README examples", () => {
  it("every published package has a README with at least one compiled example", () => {
    for (const dir of packageDirs) {
      const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      if (manifest.private) continue;
      expect(existsSync(join(root, dir, "README.md")), `${dir}/README.md`).toBe(true);
      expect(examples.filter((e) => e.dir === dir).length, `${dir}/examples/*.ts`).toBeGreaterThan(0);
    }
  });

  it.each(examples.map((e) => [e.file, e]))("%s appears verbatim in its package README", (_file, example) => {
    const readme = readFileSync(join(root, example.dir, "README.md"), "utf8");
    expect(tsBlocks(readme)).toContain(example.code);
  });

  it("every ts block of the root README is a compiled example", () => {
    const blocks = tsBlocks(readFileSync(join(root, "README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThan(0);
    const known = new Set(examples.map((e) => e.code));
    for (const block of blocks)
      expect(known.has(block), `root README block not backed by an example file:\n${block.slice(0, 200)}`).toBe(true);
  });
});
