// @ts-check
// The release path end to end, as a user outside the repository meets it: pack once, then install the
// tarballs into throwaway apps with npm and with pnpm by running the root README's install blocks
// verbatim, and run the mocks README's vitest + MSW suite and a Node script against what got installed.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installFootprint } from "../src/footprint.mjs";
import { packAll } from "../src/pack.mjs";
import { createApp, readmeShellBlock, run, runAsync, runReadmeBlock } from "../src/temp-app.mjs";
import { publishablePackages, repoRoot, tarballName } from "../src/workspace.mjs";

const INSTALL_TIMEOUT = 300_000;
const scratch = [];
let releaseDir = "";
const managers = [
  { manager: "npm", block: "npm: install from the tarballs", vitest: ["npx", ["--no-install", "vitest", "run"]] },
  { manager: "pnpm", block: "pnpm: install from the tarballs", vitest: ["pnpm", ["exec", "vitest", "run"]] },
];
/** @type {Record<string, { app: string, status: number | null, output: string }>} */
const installs = {};

const newApp = (prefix) => {
  const app = createApp(prefix);
  scratch.push(app);
  return app;
};

// The client alone, the way a user adds it: overrides for every sibling, one direct dependency.
async function installClientAlone(app) {
  const overrides = publishablePackages().map(
    ({ name }) => `overrides.${name}=file:${join(releaseDir, tarballName(name))}`,
  );
  const dependency = `dependencies.@dbupgrade/client=file:${join(releaseDir, tarballName("@dbupgrade/client"))}`;
  const set = run("npm", ["pkg", "set", ...overrides, dependency], app);
  if (set.status !== 0) return set;
  return runAsync("npm", ["install", "--prefer-offline"], app);
}

beforeAll(async () => {
  releaseDir = mkdtempSync(join(tmpdir(), "dbupgrade-release-"));
  scratch.push(releaseDir);
  // One pack for every install. Built by turbo before this test runs (the devDependencies of this package order it).
  packAll({ outDir: releaseDir, build: false });
  // The installs wait on the network and the disk: run them side by side.
  const jobs = [
    ...managers.map(async ({ manager, block }) => {
      const app = newApp(`dbupgrade-${manager}-app-`);
      installs[manager] = {
        app,
        ...(await runReadmeBlock(readmeShellBlock(block), app, releaseDir, { npm_config_prefer_offline: "true" })),
      };
    }),
    (async () => {
      const app = newApp("dbupgrade-client-footprint-");
      installs.clientAlone = { app, ...(await installClientAlone(app)) };
    })(),
  ];
  await Promise.all(jobs);
}, INSTALL_TIMEOUT);

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}, INSTALL_TIMEOUT);

const installed = (app, name) => JSON.parse(readFileSync(join(app, "node_modules", name, "package.json"), "utf8"));

describe.each(managers)(
  "installed with $manager from the packed tarballs, following the README",
  ({ manager, vitest }) => {
    it(`the README's ${manager} block installs every @dbupgrade package from its tarball, with msw 2 and vitest 4`, () => {
      const { app, status, output } = installs[manager];
      expect(status, output).toBe(0);
      for (const name of [
        "@dbupgrade/client",
        "@dbupgrade/mocks",
        "@dbupgrade/types",
        "@dbupgrade/specs",
        "@dbupgrade/aksk",
      ]) {
        expect(installed(app, name).version).toBe(publishablePackages().find((p) => p.name === name)?.version);
      }
      expect(installed(app, "msw").version).toMatch(/^2\./);
      expect(installed(app, "vitest").version).toMatch(/^4\./);
    });

    it(
      `the mocks README's vitest + MSW suite passes in the ${manager} app`,
      () => {
        const { app } = installs[manager];
        copyFileSync(join(repoRoot, "packages/mocks/examples/vitest-node.ts"), join(app, "dds.test.ts"));
        const result = run(vitest[0], vitest[1], app);
        expect(result.status, result.output).toBe(0);
        expect(result.output).toMatch(/Tests\s+4 passed \(4\)/);
      },
      INSTALL_TIMEOUT,
    );

    it(
      `a Node script loads every entry point and drives the client against the mock server in the ${manager} app`,
      () => {
        const { app } = installs[manager];
        copyFileSync(join(repoRoot, "tools/release/fixtures/app-check.mjs"), join(app, "check.mjs"));
        const result = run("node", ["check.mjs"], app);
        expect(result.status, result.output).toBe(0);
        const summary = JSON.parse(result.output.trim().split("\n").at(-1) ?? "");
        expect(summary.node).toMatch(/^v\d+\./);
        expect(summary.loaded).toEqual(
          expect.arrayContaining([
            "@dbupgrade/client",
            "@dbupgrade/mocks/server",
            "@dbupgrade/mocks/node",
            "@dbupgrade/specs/validation",
          ]),
        );
      },
      INSTALL_TIMEOUT,
    );

    it(
      `the dbupgrade command runs in the ${manager} app`,
      () => {
        const { app } = installs[manager];
        const result = run("npx", ["--no-install", "dbupgrade", "--version"], app);
        expect(result.status, result.output).toBe(0);
        expect(result.output.trim().split("\n").at(-1)).toBe(
          publishablePackages().find((p) => p.name === "@dbupgrade/cli")?.version,
        );
      },
      INSTALL_TIMEOUT,
    );
  },
);

describe("the README's install blocks", () => {
  it.each(["npm: install from the tarballs", "pnpm: install from the tarballs"])(
    "%s overrides every publishable package",
    (title) => {
      const block = readmeShellBlock(title);
      for (const { name } of publishablePackages()) {
        expect(block, `README block "${title}" lacks an override for ${name}`).toContain(
          `overrides.${name}=file:$R/${tarballName(name)}`,
        );
      }
    },
  );
});

describe("@dbupgrade/client installed alone", () => {
  it("installs the client, its siblings, openapi-fetch and nothing it never imports", () => {
    const { app, status, output } = installs.clientAlone;
    expect(status, output).toBe(0);
    const footprint = installFootprint(app);
    console.log(
      `client install footprint: ${footprint.count} packages, ${footprint.bytes} bytes\n` +
        footprint.packages.map((p) => `  ${p.name}@${p.version} ${p.bytes}`).join("\n"),
    );
    expect(footprint.packages.map((p) => p.name)).toEqual([
      "@dbupgrade/aksk",
      "@dbupgrade/client",
      "@dbupgrade/meta",
      "@dbupgrade/types",
      "openapi-fetch",
      "openapi-typescript-helpers",
    ]);
  });
});
