// The package as published (from the build output): publint finds nothing to report, and
// @arethetypeswrong/cli resolves the types for ESM consumers (node16 from ESM and bundlers; this
// package is ESM-only, so the CommonJS and node10 columns are out of scope by choice).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { beforeAll, expect, it } from "vitest";
import { packageDir } from "./support/bundle.js";

beforeAll(() => {
  if (!existsSync(join(packageDir, "dist/index.d.ts")))
    throw new Error("dist/ is missing: run the build first (turbo runs it before these tests)");
});

it("publint reports nothing, suggestions included", async () => {
  const { messages } = await publint({ pkgDir: packageDir, pack: "npm", level: "suggestion", strict: true });
  expect(messages).toEqual([]);
});

it("attw: types resolve for node16 (ESM) and bundler consumers", () => {
  const attw = join(packageDir, "node_modules/.bin/attw");
  const run = spawnSync(attw, ["--pack", ".", "--profile", "esm-only", "--format", "json", "--no-color"], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
  const inScope = ["node16-esm", "bundler"];
  for (const kind of inScope) {
    expect(report.analysis.entrypoints["."].resolutions[kind].resolution).toMatchObject({
      isTypeScript: true,
      fileName: expect.stringMatching(/dist\/index\.d\.ts$/),
    });
  }
  const problems = Object.values<{ resolutionKind?: string }[]>(report.problems ?? {}).flat();
  expect(problems.filter((p) => p.resolutionKind === undefined || inScope.includes(p.resolutionKind))).toEqual([]);
}, 60_000);
