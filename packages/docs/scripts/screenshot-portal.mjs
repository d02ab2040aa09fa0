#!/usr/bin/env node
// @ts-check
// Writes portal.png (the README's picture of the portal) from the built site: a fixed viewport at
// scale 1 keeps the committed file small. Run after `pnpm build`.
import { fileURLToPath } from "node:url";
import { launchChromium } from "../src/chromium.mjs";
import { startStaticServer } from "../src/static-server.mjs";

const out = fileURLToPath(new URL("../portal.png", import.meta.url));
const server = await startStaticServer({ root: fileURLToPath(new URL("../site", import.meta.url)), port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1120, height: 700 }, deviceScaleFactor: 1 });
  await page.goto(server.url, { waitUntil: "load" });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
