// What a reader's browser downloads: a cold load of the portal plus one API page, counted from
// Chromium's own network accounting (bytes on the wire: headers and encoded bodies). The shared Redoc
// bundle comes compressed, once: a second API page reuses it from the cache.
import type { Browser, Page, Response } from "playwright-core";
import { apiNames } from "@dbupgrade/specs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/chromium.mjs";
import { startStaticServer } from "../src/static-server.mjs";
import { siteDir } from "./site-files.js";

/** The issue's goal for a cold load of the portal and one API page. */
const budgetBytes = 800 * 1000;

let browser: Browser;
let site: Awaited<ReturnType<typeof startStaticServer>>;

beforeAll(async () => {
  [site, browser] = await Promise.all([startStaticServer({ root: siteDir, port: 0 }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Records every response of a page, then sums their transferred bytes. */
function recordTransfers(page: Page) {
  const responses: Response[] = [];
  page.on("response", (response) => responses.push(response));
  return {
    responses,
    async total() {
      const sizes = await Promise.all(
        responses.map(async (r) => {
          const { responseBodySize, responseHeadersSize } = await r.request().sizes();
          return {
            url: r.url(),
            bytes: responseBodySize + responseHeadersSize,
            encoding: r.headers()["content-encoding"] ?? "identity",
          };
        }),
      );
      return { bytes: sizes.reduce((sum, s) => sum + s.bytes, 0), sizes };
    },
  };
}

async function openApiPage(page: Page, api: string) {
  await page.goto(`${site.url}${api}.html`, { waitUntil: "load" });
  // The shared bundle ran (the CSP admitted it by its hash) and Redoc hydrated the server-rendered page.
  await page.waitForFunction(() => "__dbupgradeRedoc" in globalThis);
  await page.locator("#redoc h1").first().waitFor({ state: "visible" });
}

const report = (title: string, t: { bytes: number; sizes: { url: string; bytes: number; encoding: string }[] }) =>
  console.log(
    `${title}: ${(t.bytes / 1000).toFixed(1)} KB\n${t.sizes.map((s) => `  ${new URL(s.url).pathname.padEnd(32)} ${String(s.bytes).padStart(9)} B ${s.encoding}`).join("\n")}`,
  );

describe("docs transfer size", () => {
  it(`a cold load of the portal and one API page transfers at most ${budgetBytes / 1000} KB; a second API page reuses the renderer`, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      page.on("pageerror", (error) => errors.push(error.message));
      const first = recordTransfers(page);
      await page.goto(site.url, { waitUntil: "load" });
      await openApiPage(page, apiNames[0]);
      const cold = await first.total();
      report(`portal + ${apiNames[0]}.html, cold`, cold);
      expect(cold.bytes).toBeLessThanOrEqual(budgetBytes);
      const bundle = cold.sizes.filter((s) => /\/redoc\.[0-9a-f]{16}\.js$/.test(s.url));
      expect(bundle).toHaveLength(1);
      expect(bundle[0]!.encoding).toMatch(/^(br|gzip)$/);

      const second = recordTransfers(page);
      page.removeAllListeners("response");
      page.on("response", (response) => second.responses.push(response));
      await openApiPage(page, apiNames[1]);
      const warm = await second.total();
      report(`then ${apiNames[1]}.html`, warm);
      expect(warm.sizes.filter((s) => /\/redoc\./.test(s.url) && s.bytes > 0)).toEqual([]);
      expect(warm.bytes).toBeLessThan(cold.bytes / 4);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
