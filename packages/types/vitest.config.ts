import { defineConfig } from "vitest/config";
// Only type-level tests here: `vitest run --typecheck` runs them through tsc.
export default defineConfig({ test: { typecheck: { enabled: true, only: true, include: ["test/**/*.test-d.ts"] } } });
