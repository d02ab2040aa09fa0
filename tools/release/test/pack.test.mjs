// @ts-check
// The checks every packed tarball passes before release:pack keeps it.
import { describe, expect, it } from "vitest";
import { tarballProblems } from "../src/pack.mjs";
import { publishablePackages, tarballName } from "../src/workspace.mjs";

const meta = publishablePackages().find((p) => p.name === "@dbupgrade/meta");
if (!meta) throw new Error("@dbupgrade/meta is not a publishable package");
const goodManifest = { ...meta.manifest, dependencies: {} };
const goodFiles = ["package.json", "LICENSE", "README.md", "dist/index.js", "dist/index.d.ts", "src/index.ts"];

describe("tarball checks", () => {
  it("accept a complete tarball", () => {
    expect(tarballProblems(meta, { files: goodFiles, manifest: goodManifest })).toEqual([]);
  });

  it("name what makes a tarball uninstallable or unpublishable", () => {
    const problems = tarballProblems(meta, {
      files: ["package.json", "dist/index.d.ts", "src/index.ts", "dist/generated/gone.js", "dist/generated/gone.d.ts"],
      manifest: {
        ...goodManifest,
        dependencies: { "@dbupgrade/types": "workspace:*" },
        repository: { type: "git" },
        license: undefined,
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "no LICENSE file",
        "dependencies.@dbupgrade/types is still workspace:*",
        "repository.directory is not packages/meta",
        "license is not Apache-2.0",
        "dist/index.js is referenced by package.json but not in the tarball",
        expect.stringMatching(/^dist\/generated\/gone\.js has no source \(stale build output/),
      ]),
    );
  });

  it("take a bundler's chunks (no .d.ts beside them) for build output, not for tsc leftovers", () => {
    const files = [...goodFiles, "dist/bundle/chunks/plan-DHWF4CLP.js"];
    expect(tarballProblems(meta, { files, manifest: goodManifest })).toEqual([]);
  });

  it("name tarballs without their version, so install lines survive a release", () => {
    expect(tarballName("@dbupgrade/client")).toBe("dbupgrade-client.tgz");
  });
});
