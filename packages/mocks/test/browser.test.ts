// The README's browser example in Debian's Chromium (driven by playwright-core): a page using
// setupWorker gets mocked GeminiDB answers from the service worker, with no network involved.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFleet } from "../src/fleet.js";
import { bundleForBrowser } from "./helpers/bundle.js";

const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
let dir: string;
let site: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dbupgrade-mocks-browser-"));
  // What the README tells consumers to run to get the worker script.
  const mswPackage = createRequire(import.meta.url).resolve("msw/package.json");
  const mswCli = join(
    dirname(mswPackage),
    (JSON.parse(readFileSync(mswPackage, "utf8")) as { bin: { msw: string } }).bin.msw,
  );
  execFileSync(process.execPath, [mswCli, "init", dir, "--no-save"], { stdio: "pipe" });
  await bundleForBrowser(fileURLToPath(new URL("../examples/browser-page.ts", import.meta.url)), join(dir, "page.js"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>',
  );

  const files: Record<string, string> = {
    "/": "index.html",
    "/page.js": "page.js",
    "/mockServiceWorker.js": "mockServiceWorker.js",
  };
  site = createServer((req, res) => {
    const file = files[req.url ?? ""];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".html") ? "text/html" : "text/javascript";
    res.writeHead(200, { "Content-Type": type }).end(readFileSync(join(dir, file)));
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumFlags });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

it("a page using setupWorker gets the mocked GeminiDB answer", async () => {
  const page = await browser.newPage();
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(origin)) outside.push(request.url());
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.body?.dataset.result, null, { timeout: 30_000 });
  const result = JSON.parse((await page.evaluate(() => document.body.dataset.result)) ?? "null") as {
    status: number;
    requestId: string;
    body: { upgrade_results: { instance_id: string; job_id?: string; error_code?: string }[] };
  };
  expect(errors).toEqual([]);

  expect(result.status).toBe(202);
  expect(result.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(
    createSpecValidator({ documentedFieldsOnly: true }).validateResponse(
      "geminidb",
      "batchUpgradeDatabaseVersion",
      202,
      result.body,
    ).issues,
  ).toEqual([]);
  // The same seed in Node says which of the page's instances were available.
  const fleet = createFleet({ seed: 1 });
  const expected = fleet.instances("geminidb", { engine: "Redis" }).slice(0, 3);
  expect(result.body.upgrade_results.map((r) => [r.instance_id, r.job_id ? "job" : r.error_code])).toEqual(
    expected.map((i) => [i.id, i.status === "available" ? "job" : "DBS.200011"]),
  );
  // The page's fetch went to the Huawei Cloud host, answered inside the browser.
  expect(outside.every((url) => url.startsWith("https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/"))).toBe(true);
  await page.close();
});
