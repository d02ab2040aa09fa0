// Shared by the tests that read the built site (turbo runs `build` before `test`).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const siteDir = fileURLToPath(new URL("../site/", import.meta.url));

export function readSite(file: string): string {
  const path = `${siteDir}${file}`;
  if (!existsSync(path))
    throw new Error(`${path} is missing: build the site first (\`pnpm --filter @dbupgrade/docs build\`)`);
  return readFileSync(path, "utf8");
}

/** The OpenAPI document a Redoc page hydrates from. */
export function pageDefinition(html: string): any {
  const match = /const __redoc_definition = (.*);$/m.exec(html);
  if (!match) throw new Error("no __redoc_definition in the page");
  return JSON.parse(match[1]!);
}
