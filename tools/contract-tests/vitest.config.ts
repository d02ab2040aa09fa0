import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The generated type-level fixtures run through tsc.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
