// @ts-check
import { defineConfig } from "vitest/config";
// `pnpm example` runs a vitest example (a README test suite) with this config: only that file.
export default defineConfig({ test: { include: [".examples/*.test.ts"], watch: false } });
