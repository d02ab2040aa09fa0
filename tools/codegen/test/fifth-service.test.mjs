// @ts-check
// A fifth service, added in a temporary copy of the repository: a spec folder (specs/toy/: the DDS
// batch upgrade and its job query, the plan operations left out) listed in redocly.yaml, then the
// codegen. The client and the mocks must then refuse to compile until the service has its entries, and
// each refusal must name what is missing, in the files that hold the hand-written half of a service.
// The copy reuses the installed node_modules (the root one by a symlink, the packages' own links as
// they are), so nothing is installed.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/generate.mjs";

const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
let copy = "";

/** The repository's files (tracked or built), without git, the root node_modules and turbo's cache. */
function copyRepository() {
  const dir = mkdtempSync(join(tmpdir(), "dbupgrade-fifth-service-"));
  const tar = spawnSync(
    "sh",
    ["-c", `tar --exclude=./.git --exclude=./node_modules --exclude=.turbo -cf - . | tar -xf - -C "${dir}"`],
    { cwd: repoRoot, encoding: "utf8" },
  );
  if (tar.status !== 0) throw new Error(`copying the repository failed: ${tar.stderr}`);
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** specs/toy/: the DDS spec under another service name, with only its batch and follow operations. */
function addToySpec(dir) {
  cpSync(join(dir, "specs/dds"), join(dir, "specs/toy"), { recursive: true });
  const specPath = join(dir, "specs/toy/openapi.yaml");
  const spec = readFileSync(specPath, "utf8").replace("x-dbupgrade-service: dds", "x-dbupgrade-service: toy");
  const planPaths = spec.indexOf("  /v3/{project_id}/instances:\n");
  const components = spec.indexOf("\ncomponents:");
  if (planPaths < 0 || components < planPaths)
    throw new Error("specs/dds/openapi.yaml changed shape: update this test");
  writeFileSync(specPath, spec.slice(0, planPaths) + spec.slice(components + 1));
  const redocly = join(dir, "redocly.yaml");
  writeFileSync(
    redocly,
    readFileSync(redocly, "utf8").replace(/^apis:\n/m, "apis:\n  toy:\n    root: ./specs/toy/openapi.yaml\n"),
  );
}

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The compiler's errors for a package's src/ (its tests assume four services and are not the point). */
function srcErrors(pkg) {
  const dir = join(copy, "packages", pkg);
  writeFileSync(
    join(dir, "tsconfig.src.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: ["src"], compilerOptions: { noEmit: true } }),
  );
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.src.json"], { cwd: dir, encoding: "utf8" });
  return result.stdout
    .split("\n")
    .filter((line) => /error TS\d+/.test(line))
    .map((line) => ({ file: line.slice(0, line.indexOf("(")), text: line }));
}

beforeAll(() => {
  copy = copyRepository();
  addToySpec(copy);
  run(process.execPath, ["tools/codegen/src/cli.mjs", "write"], copy);
  // The client and the mocks read the specs, the metadata, the types and the signer from their builds.
  for (const pkg of ["meta", "specs", "types", "aksk"])
    run(process.execPath, [tsc, "-p", "tsconfig.build.json"], join(copy, "packages", pkg));
}, 240_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("a fifth service (specs/toy) without its client and mock entries", () => {
  it("is generated like the other four: its name, metadata and types", () => {
    const apis = readFileSync(join(copy, "packages/meta/src/generated/apis.ts"), "utf8");
    expect(apis).toMatch(/"toy"/);
    const meta = readFileSync(join(copy, "packages/meta/src/generated/toy.meta.ts"), "utf8");
    expect(meta).toMatch(/batchUpgradeDatabaseVersion/);
    expect(meta).toMatch(/showJobDetail/);
    expect(meta).not.toMatch(/listInstances/);
  });

  it("does not compile in the client, and the registries name the missing service", () => {
    const errors = srcErrors("client");
    const missing = errors.filter((e) => /Property 'toy' is missing/.test(e.text)).map((e) => e.file);
    expect(missing.sort()).toEqual(["src/services/pollers.ts", "src/services/registry.ts"]);
    // Every error is about the new service: nothing else breaks.
    expect(new Set(errors.map((e) => e.file))).toEqual(
      new Set(["src/services/pollers.ts", "src/services/registry.ts", "src/workflow/follow.ts"]),
    );
  }, 120_000);

  it("does not compile in the mocks, and the registries name the missing service", () => {
    const errors = srcErrors("mocks");
    const missing = errors.filter((e) => /Property 'toy' is missing/.test(e.text)).map((e) => e.file);
    expect(missing.sort()).toEqual(["src/services/profiles.ts", "src/services/registry.ts"]);
    expect(new Set(errors.map((e) => e.file))).toEqual(
      new Set(["src/operation-types.ts", "src/services/profiles.ts", "src/services/registry.ts"]),
    );
  }, 120_000);
});
