#!/usr/bin/env node
// @ts-check
// Writes console.png and console-debugger.png (the README's pictures of the console) from the
// built site against a fresh local mock: the DDS page after an AK/SK-signed send, and its signature
// debugger after a send with a wrong secret key. Run after `pnpm build`.
import { fileURLToPath } from "node:url";
import { launchChromium } from "../src/chromium.mjs";
import { startLocalStack } from "../src/local-stack.mjs";

const out = (/** @type {string} */ name) => fileURLToPath(new URL(`../${name}`, import.meta.url));
const stack = await startLocalStack({ docsPort: 0, mockPort: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(
    `${stack.docsUrl}console/dds.batchUpgradeDatabaseVersion.html?mock=${encodeURIComponent(stack.mockUrl)}`,
    { waitUntil: "load" },
  );
  await page.check('input[name="scheme"][value="aksk"]');
  await page.click("#send");
  await page.locator("#response-status").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out("console.png") });
  await page.fill("#secret-key", "not-the-secret-key");
  await page.click("#send");
  await page.locator("#sig-summary").waitFor();
  await page.locator("#signature-compare").screenshot({ path: out("console-debugger.png") });
  console.log(`wrote ${out("console.png")} and ${out("console-debugger.png")}`);
} finally {
  await browser.close();
  await stack.close();
}
