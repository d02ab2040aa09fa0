// What `pnpm start` runs: the built docs site and the standalone mock server, side by side.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStaticServer } from "./static-server.mjs";
import { mockCredentialsFromEnv } from "./local-mock.mjs";

export const defaultSiteDir = fileURLToPath(new URL("../site", import.meta.url));

/**
 * @param {{ docsPort?: number, mockPort?: number, host?: string, siteDir?: string, mockSeed?: number, log?: (line: string) => void }} [options]
 *   ports 0 pick free ones; `log` gets one line per mock request (never headers or bodies)
 * @returns {Promise<{ docsUrl: string, mockUrl: string, close: () => Promise<void> }>}
 */
export async function startLocalStack({
  docsPort = 4000,
  mockPort = 4010,
  host = "127.0.0.1",
  siteDir = defaultSiteDir,
  mockSeed,
  log,
} = {}) {
  if (!existsSync(join(siteDir, "index.html"))) {
    throw new Error(`no docs site in ${siteDir}: build it first (\`pnpm build\`, or \`pnpm start\` which builds)`);
  }
  const { startMockServer } = await import("@dbupgrade/mocks/server");
  const docs = await startStaticServer({ root: siteDir, port: docsPort, host });
  let mock;
  try {
    mock = await startMockServer({
      port: mockPort,
      host,
      auth: mockCredentialsFromEnv(),
      // The console's signature debugger shows what the mock signed for a refused signature: on
      // this machine only (the mock refuses the option on other hosts).
      debugSignatures: ["127.0.0.1", "::1", "localhost"].includes(host),
      ...(mockSeed === undefined ? {} : { seed: mockSeed }),
      ...(log ? { log } : {}),
    });
  } catch (error) {
    await docs.close();
    throw error;
  }
  const mockServer = mock;
  return {
    docsUrl: docs.url,
    mockUrl: mockServer.url,
    close: async () => {
      await Promise.all([docs.close(), mockServer.close()]);
    },
  };
}
