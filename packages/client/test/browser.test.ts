// The client in a real browser (Debian's Chromium via playwright-core): a page bundled for the browser
// calls a same-origin loopback server with a token client, an AK/SK client (WebCrypto signing, verified
// by the server over the bytes it received) and a batch helper.
import { verifyRequest } from "@dbupgrade/aksk";
import { apiMeta } from "@dbupgrade/meta";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendJson, startLoopback, type Loopback } from "./support/loopback.js";
import { packageDir } from "./support/bundle.js";
import { pathOf, projectId, responseExample } from "./support/spec.js";

const page = `
  import { createDdsClient, createTaurusDbClient, upgradeGeminiDbInBatches, createGeminiDbClient } from "@dbupgrade/client";
  const projectId = ${JSON.stringify(projectId)};
  const base = location.origin;
  const dds = createDdsClient({ baseUrl: base + "/dds", projectId, auth: { token: "browser-token" } });
  const taurus = createTaurusDbClient({ baseUrl: base + "/taurusdb", projectId, auth: { accessKey: "AKBROWSER00000000001", secretKey: "browser-secret" }, language: "zh-cn" });
  const gemini = createGeminiDbClient({ baseUrl: base + "/geminidb", projectId, auth: { token: "browser-token" } });
  const results = {};
  try {
    results.dds = (await dds.batchUpgradeDatabaseVersion({ instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02"] })).data;
    results.taurus = await taurus.batchUpgradeDatabasesOrThrow({ databases_instance_infos: [{ instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" }], delay: false });
    const report = await upgradeGeminiDbInBatches(gemini, Array.from({ length: 23 }, (_, i) => "g" + i), { concurrency: 2 });
    results.batch = { counts: report.counts, chunks: report.chunks };
    results.error = await dds.batchUpgradeDatabaseVersionOrThrow({ instance_ids: ["boom"] }).catch((e) => ({ name: e.name, status: e.status, errorCode: e.errorCode, json: JSON.stringify(e) }));
  } catch (e) {
    results.thrown = String(e);
  }
  window.__results = results;
`;

let loopback: Loopback;
let browser: Browser;
const verdicts: unknown[] = [];

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: page.replace('"@dbupgrade/client"', '"./src/index.ts"'), resolveDir: packageDir, loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  loopback = await startLoopback(async (req, res, body) => {
    if (req.method === "GET") {
      const html = req.url === "/" ? `<!doctype html><script type="module" src="/app.js"></script>` : undefined;
      res.writeHead(html ? 200 : req.url === "/app.js" ? 200 : 404, {
        "Content-Type": html ? "text/html" : "text/javascript",
      });
      return res.end(html ?? (req.url === "/app.js" ? script : ""));
    }
    const api = req.url!.split("/")[1] as "dds" | "taurusdb" | "geminidb";
    const meta = Object.values(apiMeta[api].operations)[0]!;
    expect(req.url).toBe(`/${api}${pathOf(meta)}`);
    expect(req.headers["content-type"]).toBe(meta.requestContentType);
    if (api === "taurusdb") {
      const verdict = await verifyRequest(
        { method: req.method!, url: `${loopback.url}${req.url}`, headers: req.headers, body: new Uint8Array(body) },
        (ak) => (ak === "AKBROWSER00000000001" ? "browser-secret" : undefined),
      );
      verdicts.push({ verdict, language: req.headers["x-language"] });
      if (!verdict.ok)
        return sendJson(res, 401, { error_code: "APIGW.0301", error_msg: verdict.message, request_id: "r" });
    } else if (req.headers["x-auth-token"] !== "browser-token") {
      return sendJson(res, 401, { error_code: "APIGW.0301", error_msg: "no token", request_id: "r" });
    }
    const ids: string[] = JSON.parse(body.toString("utf8")).instance_ids ?? [];
    if (ids.includes("boom"))
      return sendJson(res, 400, { error_code: "DBS.200001", error_msg: "Parameter error" }, { "X-Request-Id": "b-1" });
    if (api === "geminidb")
      return sendJson(res, 202, { upgrade_results: ids.map((id) => ({ instance_id: id, job_id: `job-${id}` })) });
    sendJson(res, meta.successStatus, responseExample(api, meta.operationId, meta.successStatus));
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await loopback?.close();
});

it("token calls, WebCrypto AK/SK signing and a batch run work in Chromium", async () => {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  await tab.goto(loopback.url);
  await tab.waitForFunction(() => (window as { __results?: unknown }).__results !== undefined, undefined, {
    timeout: 20_000,
  });
  const results = await tab.evaluate(() => (window as unknown as { __results: Record<string, unknown> }).__results);
  expect(errors).toEqual([]);
  expect(results.thrown).toBeUndefined();
  expect(results.dds).toEqual(responseExample("dds", "batchUpgradeDatabaseVersion", 202));
  expect(results.taurus).toEqual({ resp: "success" });
  expect(verdicts).toEqual([{ verdict: { ok: true, accessKey: "AKBROWSER00000000001" }, language: "zh-cn" }]);
  expect(results.batch).toEqual({ counts: { submitted: 23, rejected: 0, failed: 0, skipped: 0 }, chunks: 3 });
  expect(results.error).toMatchObject({ name: "DbUpgradeApiError", status: 400, errorCode: "DBS.200001" });
  expect((results.error as { json: string }).json).not.toContain("browser-token");
}, 60_000);
