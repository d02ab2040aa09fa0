// The console pages in Debian's Chromium against the standalone mock (debugSignatures on, as
// `pnpm start` runs it). Generic over the specs: every operation's first example goes out with a
// token and with AK/SK signing and gets its documented success; a batch one item too long gets the
// 400 naming the field, the same text the page showed before sending; a wrong secret gets the 401
// and the debugger marks the differing line. Then: a <script> in a response stays text, the page
// works from the keyboard, credentials stay out of storage and URLs, axe finds nothing serious in
// light and dark, no request leaves 127.0.0.1 and the console shows no errors.
// One browser and one page for the per-operation work.
import { createRequire } from "node:module";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { apiMeta } from "@dbupgrade/specs";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { defaultMockCredentials, sampleParameters } from "@dbupgrade/mocks";
import { startMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/chromium.mjs";
import { startStaticServer } from "../src/static-server.mjs";
import { allConsoleOperations, consolePageName, type ConsoleOperation } from "../src/console/console-operations.mjs";
import { writeConsole } from "../src/console/write-console.mjs";
import { operationHref } from "../src/portal.mjs";
import { allOperations, upgradeOperationOf } from "../src/operations.mjs";
import { siteDir } from "./site-files.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const operations = allConsoleOperations();
const validator = createSpecValidator();

let browser: Browser;
let context: BrowserContext;
let page: Page;
let site: Awaited<ReturnType<typeof startStaticServer>>;
let mock: Awaited<ReturnType<typeof startMockServer>>;
const requested: string[] = [];
const consoleErrors: { text: string; url: string }[] = [];
/** Error statuses the tests provoke on purpose: Chromium logs "Failed to load resource" for each. */
let provokedErrorAnswers = 0;

beforeAll(async () => {
  [site, mock, browser] = await Promise.all([
    startStaticServer({ root: siteDir, port: 0 }),
    startMockServer({ port: 0, auth: defaultMockCredentials, debugSignatures: true }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on("request", (request) => void requested.push(request.url()));
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => void consoleErrors.push({ text: error.message, url: "pageerror" }));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), mock?.close()]);
});

async function openConsole(op: ConsoleOperation, target: Page = page) {
  const response = await target.goto(`${site.url}console/${consolePageName(op)}?mock=${encodeURIComponent(mock.url)}`, {
    waitUntil: "load",
  });
  expect(response?.status()).toBe(200);
  await target.locator("#check").filter({ hasText: /\S/ }).waitFor();
  if (op.body) await target.selectOption("#example", "0");
}

/** Clicks Send and waits for the answer to be shown; returns the status the mock sent. */
async function send(op: ConsoleOperation, target: Page = page): Promise<number> {
  const [response] = await Promise.all([
    target.waitForResponse((r) => r.url().startsWith(mock.url) && r.request().method() === op.method),
    target.click("#send"),
  ]);
  await target.waitForFunction(() => !(document.getElementById("send") as HTMLButtonElement).disabled);
  if (response.status() >= 400) provokedErrorAnswers++;
  return response.status();
}

async function useAkSk(secretKey: string, target: Page = page) {
  await target.check('input[name="scheme"][value="aksk"]');
  await target.fill("#secret-key", secretKey);
}

const text = (selector: string) => page.locator(selector).innerText();

/**
 * Follow and plan operations name the reference's job, task and instance ids, which a fresh mock does
 * not have. As a reader would, first start the upgrade the example follows (its start time a day
 * ahead, so a scheduled task is still Pending), then put the mock's own ids in the same parameters
 * (`sampleParameters`, which the docs samples send too).
 */
async function startTheUpgradeAndUseTheMocksIds(op: ConsoleOperation) {
  const upgrade = allOperations().find((o) => o.api === op.api && o.operationId === upgradeOperationOf(op.api))!;
  if (upgrade.operationId === op.operationId) return;
  const body = { ...(upgrade.exampleBody as Record<string, unknown>) };
  if (typeof body.start_time === "string")
    body.start_time = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, "+0000");
  const path = upgrade.path.replace("{project_id}", "619d3e78f61b4be68bc5aa0b59edcf7b");
  const started = await fetch(`${mock.url}/${op.api}${path}`, {
    method: upgrade.method,
    headers: { "Content-Type": "application/json", "X-Auth-Token": defaultMockCredentials.token },
    body: JSON.stringify(body),
  });
  expect(started.status, await started.clone().text()).toBe(upgrade.successStatus);
  const sample = sampleParameters(op.api, op.operationId);
  for (const [where, values] of [
    ["path", sample.path],
    ["query", sample.query],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      const field = page.locator(`[data-in="${where}"][data-name="${name}"]`);
      if ((await field.evaluate((element) => element.tagName)) === "SELECT") await field.selectOption(String(value));
      else await field.fill(String(value));
    }
  }
}

describe.sequential("console in Chromium", () => {
  it.each(operations.map((op) => [op.key, op] as const))(
    "%s: the first example, sent with a token and with AK/SK, gets the documented success",
    async (_, op) => {
      await openConsole(op);
      for (const scheme of ["token", "aksk"] as const) {
        mock.mock.reset(); // a fresh fleet: the same example upgrades the same instances again
        if (scheme === "aksk") await useAkSk(defaultMockCredentials.secretKey);
        await startTheUpgradeAndUseTheMocksIds(op);
        expect(await text("#check")).toContain("matches the spec");
        expect(await send(op)).toBe(op.successStatus);
        expect(await text("#response-status")).toMatch(new RegExp(`^${op.successStatus}\\b`));
        expect(await text("#response-summary")).toContain("the documented success");
        expect(await text("#response-request-id")).toMatch(/^[0-9a-f]{32}$/);
        expect(await text("#response-headers")).toMatch(/x-request-id/i);
        const shown = (await page.locator("#response-body").textContent()) ?? "";
        if (shown !== "")
          expect(
            validator.validateResponse(op.api, op.operationId, op.successStatus, JSON.parse(shown)).issues,
          ).toEqual([]);
        const curl = await page.locator("#curl-code").textContent();
        const ts = await page.locator("#ts-code").textContent();
        expect(curl).toContain(`-X ${op.method} '${mock.url}/${op.api}`);
        expect(ts).toContain(`client.raw.${op.method}(${JSON.stringify(op.path)}`);
        for (const secret of [defaultMockCredentials.token, defaultMockCredentials.secretKey]) {
          expect(`${curl}${ts}${await page.locator("body").innerText()}${page.url()}`).not.toContain(secret);
        }
        expect(await page.locator("#signature").isVisible()).toBe(scheme === "aksk");
      }
    },
  );

  const batchOps = operations.flatMap((op) => {
    const batch = (
      apiMeta[op.api].operations as Record<string, { batch: { property: string; maxItems: number | null } | null }>
    )[op.operationId]!.batch;
    const example = op.body?.examples[0]?.value as Record<string, unknown> | undefined;
    return batch?.maxItems && Array.isArray(example?.[batch.property])
      ? [[op.key, op, batch.property, batch.maxItems, example] as const]
      : [];
  });
  it.each(batchOps)(
    "%s: one item over the batch limit gets the 400 naming the field, as the live check said",
    async (_, op, property, maxItems, example) => {
      await openConsole(op);
      const items = example[property] as unknown[];
      const tooMany = Array.from({ length: maxItems + 1 }, (_, i) => items[i % items.length]);
      await page.fill("#body", JSON.stringify({ ...example, [property]: tooMany }, null, 2));
      const predicted = await page.locator("#check-message").innerText();
      expect(predicted).toContain(`body.${property}`);
      expect(await send(op)).toBe(400);
      const answer = JSON.parse((await page.locator("#response-body").textContent()) ?? "");
      expect(answer.error_msg).toBe(predicted);
    },
  );

  it.each(operations.map((op) => [op.key, op] as const))(
    "%s: a wrong secret key gets the 401 and the debugger marks the differing line",
    async (_, op) => {
      await openConsole(op);
      await useAkSk("not-the-secret-key");
      expect(await send(op)).toBe(401);
      for (const step of [
        "#sig-canonical",
        "#sig-hash",
        "#sig-string-to-sign",
        "#sig-signed-headers",
        "#sig-signature",
        "#sig-authorization",
      ]) {
        expect(await text(step)).not.toBe("");
      }
      expect(await text("#sig-summary")).toContain("secret key differs");
      const differing = page.locator("#sig-lines tr.differs");
      expect(await differing.count()).toBe(1);
      expect(await differing.locator("th").innerText()).toContain("signature");
      expect(await page.locator("#sig-lines tr.same").count()).toBeGreaterThan(8);
    },
  );

  it("a response body with <script> and markup is shown as text, never run", async () => {
    const op = operations[0]!;
    const hostile = `<script>window.__consolePwned = 1</script><img src=x onerror="window.__consolePwned = 2">`;
    mock.use(
      mock.mock.override(
        op.api,
        op.operationId as never,
        { status: 400, body: { error_code: "DBS.200001", error_msg: hostile } } as never,
      ),
    );
    try {
      await openConsole(op);
      expect(await send(op)).toBe(400);
      expect(await page.locator("#response-body").textContent()).toContain(hostile.replace(/"/g, '\\"'));
      expect(await page.locator("#response-body script, #response-body img, #response-headers script").count()).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { __consolePwned?: number }).__consolePwned),
      ).toBeUndefined();
    } finally {
      mock.resetHandlers();
    }
  });

  it("renders hostile spec text (names, descriptions, examples) as text: no script runs, no markup appears", async () => {
    const op = operations[0]!;
    const payload = `</textarea></script><script>window.__consolePwned = 3</script><img src=x onerror="window.__consolePwned = 4">`;
    const hostile: ConsoleOperation = {
      ...op,
      summary: `Upgrade ${payload}`,
      service: payload,
      parameters: op.parameters.map((p) => ({
        ...p,
        description: payload,
        example: payload,
        enum: p.enum ? [...p.enum, payload] : null,
      })),
      body: op.body
        ? { ...op.body, examples: [{ name: payload, summary: payload, value: { note: payload } }, ...op.body.examples] }
        : null,
    };
    const dir = mkdtempSync(join(tmpdir(), "console-hostile-"));
    const server = await (async () => {
      await writeConsole(dir, [hostile]);
      copyFileSync(join(siteDir, "favicon.svg"), join(dir, "favicon.svg"));
      return startStaticServer({ root: dir, port: 0 });
    })();
    try {
      await page.goto(`${server.url}console/${consolePageName(hostile)}?mock=${encodeURIComponent(mock.url)}`, {
        waitUntil: "load",
      });
      await page.locator("#check").filter({ hasText: /\S/ }).waitFor();
      expect(await page.locator("h1").innerText()).toBe(hostile.summary);
      if (hostile.body) expect(await page.inputValue("#body")).toContain(payload.replace(/"/g, '\\"'));
      expect(await page.locator("main img, main script, header img, header script").count()).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { __consolePwned?: number }).__consolePwned),
      ).toBeUndefined();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an API page's operation links to its console page (Redoc renders the description's link)", async () => {
    const op = operations[0]!;
    await page.goto(`${site.url}${operationHref({ api: op.api, tag: op.tag, operationId: op.operationId })}`, {
      waitUntil: "load",
    });
    const link = page.locator(`a[href="console/${consolePageName(op)}"]`).first();
    await link.waitFor({ state: "visible" });
    await Promise.all([
      page.waitForURL(new RegExp(`console/${consolePageName(op).replace(/\./g, "\\.")}$`)),
      link.click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe(op.summary);
  });

  it("works from the keyboard: Tab reaches Send with a visible focus ring, Enter sends", async () => {
    const op = operations[0]!;
    mock.mock.reset();
    await openConsole(op);
    await page.focus("#base-url");
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement?.id)) !== "send"; i++)
      await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("send");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await Promise.all([page.waitForResponse((r) => r.url().startsWith(mock.url)), page.keyboard.press("Enter")]);
    await page.locator("#response-status").waitFor();
    expect(await text("#response-status")).toMatch(new RegExp(`^${op.successStatus}\\b`));
  });

  it("keeps credentials out of storage and URLs unless the reader opts in to session storage", async () => {
    const op = operations[0]!;
    await openConsole(op);
    await useAkSk("typed-secret");
    // Every value in both storages (the site's other pages may keep their own entries there).
    const stored = () =>
      page.evaluate(() =>
        [localStorage, sessionStorage]
          .flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`))
          .join("\n"),
      );
    expect(await stored()).not.toContain("typed-secret");
    await page.check("#remember");
    expect(await page.evaluate(() => sessionStorage.getItem("dbupgrade-console-credentials"))).toContain(
      "typed-secret",
    );
    await page.reload();
    expect(await page.inputValue("#secret-key")).toBe("typed-secret");
    await page.uncheck("#remember");
    expect(await stored()).not.toContain("typed-secret");
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain("typed-secret");
  });

  it("refuses a base URL off this machine before sending anything", async () => {
    const op = operations[0]!;
    await openConsole(op);
    const before = requested.length;
    await page.fill("#base-url", `https://${op.api}.example.com/${op.api}`);
    await page.locator("#check", { hasText: "only sends to this machine" }).waitFor();
    await page.click("#send");
    expect(requested.slice(before).filter((url) => !url.startsWith(site.url))).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), in light and in dark", async () => {
    // A context without CSP, only to inject axe (the page's policy rightly refuses the script).
    const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    axeContext.on("request", (request) => void requested.push(request.url()));
    try {
      const axePage = await axeContext.newPage();
      const op = operations[0]!;
      for (const colorScheme of ["light", "dark"] as const) {
        await axePage.emulateMedia({ colorScheme });
        await openConsole(op, axePage);
        await useAkSk("not-the-secret-key", axePage);
        expect(await send(op, axePage)).toBe(401);
        await axePage.evaluate(axeSource);
        const violations = await axePage.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (
                  context: Document,
                  options: object,
                ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
              };
            }
          ).axe;
          const result = await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
        });
        expect(
          violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
          colorScheme,
        ).toEqual([]);
      }
    } finally {
      await axeContext.close();
    }
  });

  it("sent nothing beyond 127.0.0.1 and logged no console errors", () => {
    expect(requested.length).toBeGreaterThan(operations.length * 4);
    expect(requested.filter((url) => new URL(url).hostname !== "127.0.0.1")).toEqual([]);
    // Chromium logs every 4xx answer to fetch as "Failed to load resource"; those the tests provoked are expected.
    const networkLog = consoleErrors.filter(
      (e) =>
        /^Failed to load resource: the server responded with a status of 4\d\d/.test(e.text) &&
        e.url.startsWith(mock.url),
    );
    expect(networkLog.length).toBeLessThanOrEqual(provokedErrorAnswers);
    expect(
      consoleErrors.filter((e) => !networkLog.includes(e)),
      JSON.stringify(consoleErrors),
    ).toEqual([]);
  });
});
