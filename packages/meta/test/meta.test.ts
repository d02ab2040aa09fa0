// @dbupgrade/meta is what the client installs instead of @dbupgrade/specs: it must stay free of
// dependencies and of the OpenAPI documents, and carry the facts of every API in redocly.yaml.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiMeta, apiNames } from "../src/index.js";

const root = join(import.meta.dirname, "..");

describe("@dbupgrade/meta", () => {
  it("declares no runtime dependencies", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  it("imports nothing outside its own files", () => {
    const sources = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    for (const file of sources) {
      const code = readFileSync(join(root, "src", file), "utf8");
      for (const [, specifier] of code.matchAll(/from\s+"([^"]+)"/g)) expect(specifier, file).toMatch(/^\.\.?\//);
    }
  });

  it("has the facts of every API, and no documents", () => {
    expect(Object.keys(apiMeta)).toEqual([...apiNames]);
    for (const api of apiNames) {
      expect(Object.keys(apiMeta[api].operations).length).toBeGreaterThan(0);
      expect(apiMeta[api]).not.toHaveProperty("paths");
    }
  });
});

describe("the README example", () => {
  it("prints the DDS request line and its batch limit", async () => {
    const example = await import("../examples/request-line.js");
    expect(example.apis).toBe("geminidb, taurusdb, dds, gaussdb");
    expect(example.requestLine).toBe(
      "POST https://dds.ap-southeast-1.myhuaweicloud.com/v3/{project_id}/instances/db-upgrade",
    );
    expect(example.maxPerRequest).toBe(10);
    expect(example.succeedsWith).toBe(202);
  });
});
