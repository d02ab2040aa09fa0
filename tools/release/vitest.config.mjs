// @ts-check
import { defineConfig } from "vitest/config";
// Installs and packs take tens of seconds; one file at a time keeps the 2 shared cores for them.
export default defineConfig({ test: { include: ["test/**/*.test.mjs"], fileParallelism: false, testTimeout: 60_000 } });
