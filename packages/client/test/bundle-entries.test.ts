// The per-service entries (`@dbupgrade/client/<api>`): each exports its own service's client, batch
// helper and workflow plus the shared options, errors and follow helpers, and a browser bundle of
// everything it exports holds no other service's paths, endpoints or modules.
import { apiMeta, apiNames, type ApiName } from "@dbupgrade/meta";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import { browserBundle } from "./support/bundle.js";

const entryFunctions: Record<ApiName, string[]> = {
  geminidb: ["createGeminiDbClient", "upgradeGeminiDbInBatches", "planGeminiDbUpgrades", "upgradeGeminiDbAndWait"],
  dds: ["createDdsClient", "upgradeDdsInBatches", "planDdsUpgrades", "upgradeDdsAndWait"],
  taurusdb: ["createTaurusDbClient", "upgradeTaurusDbInBatches", "planTaurusDbUpgrades", "upgradeTaurusDbAndWait"],
  gaussdb: [
    "createGaussDbClient",
    "scheduleGaussDbHotfixInBatches",
    "planGaussDbHotfixes",
    "scheduleGaussDbHotfixAndWait",
  ],
};
const shared = ["DbUpgradeApiError", "DbUpgradeNetworkError", "waitForUpgrades", "followUpgrades", "REDACTED"];

/** Strings only this API's code contains: its paths and endpoint hosts (from the spec). */
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

describe.each(apiNames)("@dbupgrade/client/%s", (api) => {
  it("exports its service's helpers and the shared ones, the same functions as the root entry, and no other service's", async () => {
    const entry: Record<string, unknown> = await import(`../src/entries/${api}.ts`);
    for (const name of [...entryFunctions[api], ...shared]) {
      expect(entry[name], name).toBeDefined();
      // The follower of a service entry is built over that service's poller alone (so it bundles no other
      // service): the same behaviour as the root's, not the same function.
      if (name !== "followUpgrades" && name !== "waitForUpgrades")
        expect(entry[name], name).toBe((root as Record<string, unknown>)[name]);
    }
    for (const other of apiNames.filter((a) => a !== api))
      for (const name of entryFunctions[other]) expect(entry[name], name).toBeUndefined();
  });

  it("bundles for the browser with nothing of the other services and no node: import", async () => {
    const bundle = await browserBundle(`import * as entry from "./src/entries/${api}.ts"; export default entry;`);
    for (const other of apiNames.filter((a) => a !== api)) {
      // Quoted: one API's path can be the start of another's (openGauss's schedule-task path).
      for (const s of fingerprints(other, api))
        expect(bundle.code.includes(JSON.stringify(s)), `${other}: ${s}`).toBe(false);
      expect(bundle.inputs.some((i) => i.includes(`${other}.meta`) || i.includes(`${other}-`))).toBe(false);
    }
    for (const operation of Object.values(apiMeta[api].operations)) expect(bundle.code).toContain(operation.path);
    expect(bundle.code).not.toMatch(/["']node:/);
  });
});
