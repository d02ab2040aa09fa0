import { defineConfig } from "vitest/config";

// Browser and server tests start processes and Chromium: generous timeouts (limits, not measurements),
// and at most two files at a time on two-core machines.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
