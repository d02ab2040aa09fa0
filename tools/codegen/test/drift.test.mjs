// @ts-check
// The drift check must fail when a generated file is edited by hand, missing, or left over, and
// pass on a faithful copy. It runs on a temporary copy of the generated tree, never the real one.
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift, generateAll, writeAll } from "../src/generate.mjs";

let files;
let root;

beforeAll(async () => {
  files = await generateAll();
  root = await mkdtemp(join(tmpdir(), "dbupgrade-drift-"));
  await writeAll(files, root);
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("drift check", () => {
  it("generates the types, bundles and metadata of every API", () => {
    const paths = [...files.keys()];
    for (const api of ["geminidb", "taurusdb", "dds", "gaussdb"]) {
      expect(paths).toContain(`packages/types/src/generated/${api}.ts`);
      expect(paths).toContain(`packages/meta/src/generated/${api}.meta.ts`);
      expect(paths).toContain(`packages/specs/bundled/${api}.json`);
    }
  });

  it("passes on an untouched tree", async () => {
    expect(await checkDrift(files, root)).toEqual([]);
  });

  it("fails when a generated file is edited by hand", async () => {
    const path = "packages/types/src/generated/dds.ts";
    const original = await readFile(join(root, path), "utf8");
    await writeFile(join(root, path), original.replace("instance_ids: ", "instance_idz: "));
    try {
      expect(await checkDrift(files, root)).toEqual([{ path, kind: "stale" }]);
    } finally {
      await writeFile(join(root, path), original);
    }
  });

  it("fails when a generated file is missing or an extra one is left behind", async () => {
    const path = "packages/meta/src/generated/gaussdb.meta.ts";
    const content = await readFile(join(root, path), "utf8");
    await unlink(join(root, path));
    await writeFile(join(root, "packages/types/src/generated/removed-api.ts"), "export {};\n");
    try {
      expect(await checkDrift(files, root)).toEqual([
        { path, kind: "missing" },
        { path: "packages/types/src/generated/removed-api.ts", kind: "extra" },
      ]);
    } finally {
      await writeFile(join(root, path), content);
      await unlink(join(root, "packages/types/src/generated/removed-api.ts"));
    }
  });

  it("the committed tree matches the specs", async () => {
    expect(await checkDrift(files)).toEqual([]);
  });

  it("is deterministic", async () => {
    const again = await generateAll();
    expect([...again.entries()]).toEqual([...files.entries()]);
  }, 60_000);

  it("a fifth spec in redocly.yaml flows into every generated index", async () => {
    const copy = await mkdtemp(join(tmpdir(), "dbupgrade-fifth-"));
    try {
      await cp("../../specs", join(copy, "specs"), { recursive: true });
      const config = await readFile("../../redocly.yaml", "utf8");
      await cp(join(copy, "specs/dds"), join(copy, "specs/ddsnext"), { recursive: true });
      await writeFile(
        join(copy, "redocly.yaml"),
        config.replace("apis:\n", "apis:\n  ddsnext:\n    root: ./specs/ddsnext/openapi.yaml\n"),
      );
      const generated = await generateAll(copy);
      expect(generated.get("packages/meta/src/generated/apis.ts")).toContain('"ddsnext"');
      expect(generated.get("packages/meta/src/generated/meta-index.ts")).toContain("ddsnext: ddsnextMeta");
      expect(generated.get("packages/types/src/generated/index.ts")).toContain(
        'export type * as ddsnext from "./ddsnext.js"',
      );
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
