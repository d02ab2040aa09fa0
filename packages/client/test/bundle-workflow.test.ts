// The workflow helpers (plan / follow / compose) are reachable from the root entry, yet an app that
// only submits bundles none of them: its bundle has exactly the modules of one that imports the submit
// modules directly, around the root index, and the same size (minified names aside).
import { describe, expect, it } from "vitest";
import { browserBundle } from "./support/bundle.js";

const submitOnly = `
  import { createGeminiDbClient, upgradeGeminiDbInBatches } from "@dbupgrade/client";
  export { createGeminiDbClient, upgradeGeminiDbInBatches };`;

// The same two functions, imported from their own modules: what the app would be with no workflow code in the package.
const submitModules = `
  import { createGeminiDbClient } from "./src/services/geminidb/client.ts";
  import { upgradeGeminiDbInBatches } from "./src/services/geminidb/batches.ts";
  export { createGeminiDbClient, upgradeGeminiDbInBatches };`;

describe("workflow helpers and bundle size", () => {
  it("an app that only submits does not grow: no workflow module, the same modules and size as importing the submit modules directly", async () => {
    const viaRoot = await browserBundle(submitOnly);
    const direct = await browserBundle(submitModules);
    expect(viaRoot.inputs.some((i) => i.includes("workflow/"))).toBe(false);
    expect([...viaRoot.inputs].sort()).toEqual([...direct.inputs].sort());
    // Module order can change which short names the minifier picks; nothing else may differ.
    expect(Math.abs(viaRoot.minified - direct.minified)).toBeLessThanOrEqual(8);
  });

  it("an app that follows gets the follower and its service's poller", async () => {
    const bundle = await browserBundle(`
      import { createGeminiDbClient, upgradeGeminiDbInBatches, waitForUpgrades } from "@dbupgrade/client";
      export { createGeminiDbClient, upgradeGeminiDbInBatches, waitForUpgrades };`);
    expect(bundle.inputs.some((i) => i.endsWith("workflow/follow-engine.ts"))).toBe(true);
    expect(bundle.inputs.some((i) => i.endsWith("/plan.ts"))).toBe(false);
    expect(bundle.code).not.toMatch(/["']node:/);
  });
});
