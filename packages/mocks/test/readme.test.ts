import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

it.each(readdirSync(new URL("../examples/", import.meta.url)).filter((f) => f.endsWith(".ts")))(
  "README shows examples/%s verbatim",
  (file) => {
    const source = readFileSync(new URL(`../examples/${file}`, import.meta.url), "utf8");
    expect(blocks).toContain(source);
  },
);

it("README has no unfilled placeholder", () => {
  expect(readme).not.toMatch(/BENCH_TABLE|TODO|TBD/);
});
