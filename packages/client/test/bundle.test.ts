// What a browser application gets: no Node-only import anywhere, and a single-service import that
// leaves the other services' code (paths, endpoint tables, batch helpers) out. Asserted on contents.
import { apiMeta, apiNames, type ApiName } from "@dbupgrade/meta";
import { describe, expect, it } from "vitest";
import { browserBundle, entries } from "./support/bundle.js";

/** Strings that only the given API's code contains: its paths and endpoint hosts (from the spec). */
function fingerprints(api: ApiName, except: ApiName): string[] {
  const mine = new Set([
    ...Object.values(apiMeta[except].operations).map((o) => o.path),
    ...Object.values(apiMeta[except].endpoints),
  ]);
  return [
    ...Object.values(apiMeta[api].operations).map((o) => o.path),
    ...Object.values(apiMeta[api].endpoints),
  ].filter((s) => !mine.has(s));
}

describe("browser bundle", () => {
  it("of everything builds for the browser with no node: import and contains every service", async () => {
    const bundle = await browserBundle(entries["all four clients + batch helpers + signing"]);
    expect(bundle.code).not.toMatch(/["']node:/);
    expect(bundle.code).not.toMatch(/\brequire\(/);
    expect(
      bundle.inputs.some(
        (i) => i.includes("node_modules/msw") || i.includes("specs/dist/validation") || i.includes("document"),
      ),
    ).toBe(false);
    for (const api of apiNames)
      for (const path of Object.values(apiMeta[api].operations).map((o) => o.path)) expect(bundle.code).toContain(path);
    expect(bundle.inputs.some((i) => i.includes("aksk"))).toBe(true);
  });

  it("of one client leaves the other services out (tree-shaking)", async () => {
    const bundle = await browserBundle(entries["one client (GeminiDB) + signing"]);
    expect(bundle.code).toContain(apiMeta.geminidb.operations.batchUpgradeDatabaseVersion.path);
    expect(bundle.code).toContain(apiMeta.geminidb.endpoints["ap-southeast-1"]);
    for (const other of apiNames.filter((a) => a !== "geminidb")) {
      const strings = fingerprints(other, "geminidb");
      expect(strings.length).toBeGreaterThan(0);
      for (const s of strings) expect(bundle.code, `${other}: ${s}`).not.toContain(s);
      expect(bundle.inputs.some((i) => i.includes(`${other}.meta`) || i.includes(`services/${other}/`))).toBe(false);
    }
    expect(bundle.inputs.some((i) => i.includes("batch/") || i.endsWith("/batches.ts"))).toBe(false);
    expect(bundle.code).not.toMatch(/["']node:/);
  });

  it("of one client with its batch helper adds the engine but no other service", async () => {
    const bundle = await browserBundle(entries["one client (GeminiDB) + its batch helper + signing"]);
    expect(bundle.inputs.some((i) => i.endsWith("batch/run-batches.ts"))).toBe(true);
    expect(bundle.inputs.some((i) => /services\/(dds|taurusdb|gaussdb)\//.test(i))).toBe(false);
    for (const s of fingerprints("taurusdb", "geminidb")) expect(bundle.code).not.toContain(s);
  });
});
