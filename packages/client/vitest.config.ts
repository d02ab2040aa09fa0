import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests that do not depend on the default transport (bundles, packaging, a real browser): run once.
const transportFree = ["test/bundle*.test.ts", "test/browser.test.ts", "test/packaging.test.ts"];

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; tests run them against the sources.
    alias: { "@dbupgrade/client": source("./src/index.ts") },
  },
  test: {
    testTimeout: 20_000,
    // The suite runs on both default transports: node:http (what Node gets, the `node` condition of
    // package.json `imports`) and the global fetch (what browsers and other runtimes get).
    projects: [
      {
        extends: true,
        resolve: { alias: { "#default-transport": source("./src/transport/default-node.ts") } },
        test: {
          name: "node-http",
          include: ["test/**/*.test.ts"],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        extends: true,
        resolve: { alias: { "#default-transport": source("./src/transport/default-fetch.ts") } },
        test: { name: "fetch", include: ["test/**/*.test.ts"], exclude: transportFree },
      },
    ],
  },
});
