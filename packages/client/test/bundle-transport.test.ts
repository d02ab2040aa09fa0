// The default transport is chosen by the `node` export condition (package.json `imports`,
// `#default-transport`), the way a bundler or Node resolves the built package: node:http for Node,
// the global fetch for the browser. Asserted on bundles of dist (run after the build).
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { packageDir } from "./support/bundle.js";

async function bundleFor(platform: "browser" | "node") {
  const result = await build({
    stdin: {
      contents: `export { createGeminiDbClient } from "./dist/index.js";`,
      resolveDir: packageDir,
      loader: "js",
    },
    bundle: true,
    platform,
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Node built-ins stay imports in a Node bundle; the assertion is on the import itself.
    external: ["node:*"],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    code: result.outputFiles[0]!.text,
    inputs: Object.keys(output.inputs).filter((i) => output.inputs[i]!.bytesInOutput > 0),
  };
}

const has = (inputs: string[], module: string) => inputs.some((i) => i.endsWith(module));

describe("default transport by platform", () => {
  it("for the browser: the global fetch, and no node: import at all", async () => {
    const { code, inputs } = await bundleFor("browser");
    expect(has(inputs, "dist/transport/default-fetch.js")).toBe(true);
    expect(inputs.some((i) => i.includes("default-node") || i.includes("node-http"))).toBe(false);
    expect(code).not.toMatch(/["']node:/);
    expect(code).toContain("globalThis.fetch(");
  });

  it("for Node: node:http with keep-alive agents, and no undici fetch on the way", async () => {
    const { code, inputs } = await bundleFor("node");
    expect(has(inputs, "dist/transport/default-node.js")).toBe(true);
    expect(has(inputs, "dist/transport/node-http-core.js")).toBe(true);
    expect(has(inputs, "dist/transport/default-fetch.js")).toBe(false);
    expect(code).toMatch(/from ["']node:http["']/);
    expect(code).toContain("keepAlive: true");
  });

  it("Node itself resolves the built package to node:http", async () => {
    const { defaultTransport } = await import(
      /* @vite-ignore */ new URL("../dist/transport/default-node.js", import.meta.url).href
    );
    // What `import "#default-transport"` gives the built package under Node's own resolution.
    const resolved = import.meta.resolve(
      "#default-transport",
      new URL("../dist/service-client.js", import.meta.url).href,
    );
    expect(resolved).toBe(new URL("../dist/transport/default-node.js", import.meta.url).href);
    expect(defaultTransport.name).toBe("node-http");
  });
});
