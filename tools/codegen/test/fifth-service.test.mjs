// @ts-check
// A fifth service, added in a temporary copy of the repository: a spec folder (specs/toy/: the DDS
// batch upgrade and its job query, the plan operations left out) listed in redocly.yaml, then the
// codegen. The client and the mocks must then refuse to compile until the service has its entries, and
// each refusal must name what is missing, in the files that hold the hand-written half of a service.
// Then the service gets its folder in each package (test/fixtures/toy/) and one entry per registry: both
// compile, and the mock answers the toy batch as the spec documents, to a request the client built.
// The copy reuses the installed node_modules (the root one by a symlink, the packages' own links as
// they are), so nothing is installed.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

/**
 * The hand-written half of a new service besides its two folders: one entry (and its import) per
 * registry. `after` is the line of the last service in each.
 */
const registryEntries = [
  {
    file: "packages/client/src/services/registry.ts",
    imports: ['import { toyService } from "./toy/service.js";'],
    entries: [["  gaussdb: gaussdbService,", "  toy: toyService,"]],
  },
  {
    file: "packages/client/src/services/pollers.ts",
    imports: ['import type { ToyClient } from "./toy/client.js";', 'import { toyPoller } from "./toy/follow.js";'],
    entries: [
      [
        '  gaussdb: Pick<GaussDbClient, "api" | "listScheduleTaskOrThrow">;',
        '  toy: Pick<ToyClient, "api" | "showJobDetailOrThrow">;',
      ],
      ["  gaussdb: (client) => gaussDbPoller(client),", "  toy: (client) => toyPoller(client),"],
    ],
  },
  {
    file: "packages/mocks/src/services/registry.ts",
    imports: ['import { toyMock } from "./toy/service.js";'],
    entries: [["  gaussdb: gaussdbMock,", "  toy: toyMock,"]],
  },
  {
    file: "packages/mocks/src/services/profiles.ts",
    imports: ['import { toyProfile } from "./toy/profile.js";'],
    entries: [["  gaussdb: gaussdbProfile,", "  toy: toyProfile,"]],
  },
  {
    file: "packages/mocks/src/operation-types.ts",
    imports: ['import type { operations as ToyOperations } from "@dbupgrade/types/toy";'],
    entries: [["  gaussdb: GaussDbOperations;", "  toy: ToyOperations;"]],
  },
];

function addServiceFolders(dir) {
  const fixtures = fileURLToPath(new URL("./fixtures/toy/", import.meta.url));
  cpSync(join(fixtures, "client"), join(dir, "packages/client/src/services/toy"), { recursive: true });
  cpSync(join(fixtures, "mocks"), join(dir, "packages/mocks/src/services/toy"), { recursive: true });
  for (const { file, imports, entries } of registryEntries) {
    const path = join(dir, file);
    let text = `${imports.join("\n")}\n${readFileSync(path, "utf8")}`;
    for (const [after, entry] of entries) {
      if (!text.includes(`${after}\n`)) throw new Error(`${file} has no line ${after}: update this test`);
      text = text.replace(`${after}\n`, `${after}\n${entry}\n`);
    }
    writeFileSync(path, text);
  }
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
      // follow.ts and follower.ts index FollowClients (pollers.ts) by the new name: knock-on errors of the same gap.
      new Set([
        "src/services/pollers.ts",
        "src/services/registry.ts",
        "src/workflow/follow.ts",
        "src/workflow/follower.ts",
      ]),
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

describe("a fifth service with its folders and registry entries", () => {
  beforeAll(() => addServiceFolders(copy));

  it("compiles in the client and the mocks (their builds: src/ only)", () => {
    for (const pkg of ["client", "mocks"]) {
      const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
        cwd: join(copy, "packages", pkg),
        encoding: "utf8",
      });
      expect(build.stdout, pkg).toBe("");
      expect(build.status, pkg).toBe(0);
    }
  }, 120_000);

  it("the mock answers the client's toy batch as the spec documents, and its job query shows the job", async () => {
    // Runs the builds of the test before.
    const script = `
      import { createMockApi } from "@dbupgrade/mocks";
      import { createSpecValidator } from "@dbupgrade/specs/validation";
      import { setupServer } from "msw/node";
      import { createToyClient } from "./dist/services/toy/client.js";
      import { upgradeToyInBatches } from "./dist/services/toy/batches.js";
      import { upgradeServices } from "./dist/services/registry.js";
      import { toyMeta } from "@dbupgrade/meta";
      const mock = createMockApi({ seed: 5, auth: false });
      const server = setupServer(...mock.handlersByApi.toy);
      server.listen({ onUnhandledRequest: "error" });
      const client = createToyClient({ baseUrl: "https://toy.example.test", projectId: "0".repeat(32), auth: { token: "t" } });
      const ids = mock.fleet.instances("toy", { status: "available" }).slice(0, 3).map((i) => i.id);
      const answer = await client.batchUpgradeDatabaseVersion({ instance_ids: ids });
      const documented = createSpecValidator().validateResponse("toy", "batchUpgradeDatabaseVersion", answer.response.status, answer.data);
      const report = await upgradeToyInBatches(client, ["missing-" + "1".repeat(24)]);
      const job = mock.fleet.jobs("toy").at(-1);
      const shown = await client.showJobDetailOrThrow({ query: { id: job.id } });
      console.log(JSON.stringify({
        status: answer.response.status === toyMeta.operations.batchUpgradeDatabaseVersion.successStatus,
        documented: documented.valid,
        jobs: answer.data.upgrade_results.map((r) => r.instance_id),
        refused: report.outcomes.map((o) => o.status),
        shown: shown.job.id === job.id,
        registered: upgradeServices.toy.submitOperation,
      }));
      server.close();
    `;
    writeFileSync(join(copy, "packages/client/toy-check.mjs"), script);
    const result = JSON.parse(
      run(process.execPath, ["toy-check.mjs"], join(copy, "packages/client")).trim().split("\n").at(-1) ?? "",
    );
    expect(result.status).toBe(true);
    expect(result.documented).toBe(true);
    expect(result.jobs.length).toBe(3);
    expect(result.refused).toEqual(["rejected"]);
    expect(result.shown).toBe(true);
    expect(result.registered).toBe("batchUpgradeDatabaseVersion");
  }, 180_000);
});
