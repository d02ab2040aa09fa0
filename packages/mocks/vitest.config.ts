import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // The examples import the package by name, as a consumer would; tests run them against src.
    alias: [
      { find: /^@dbupgrade\/mocks$/, replacement: source("index.ts") },
      { find: /^@dbupgrade\/mocks\/(node|browser|server)$/, replacement: source("$1.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
