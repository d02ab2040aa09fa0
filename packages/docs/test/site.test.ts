import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiNames } from "@dbupgrade/specs";
import { describe, expect, it } from "vitest";
import { codeSamplesFor, sampleFileName, samplesDirUrl } from "../src/code-samples.mjs";
import { allOperations, operationObject } from "../src/operations.mjs";
import {
  redoclyLogoUrls,
  inlineRedoclyLogo,
  applyContentSecurityPolicy,
  inlineScriptHashes,
  cspPlaceholder,
} from "../src/offline-html.mjs";
import { renderPortal, operationHref, apiPageHref, specHref } from "../src/portal.mjs";
import { buildSite } from "../src/site.mjs";
import { pageDefinition, readSite, siteDir } from "./site-files.js";

const require = createRequire(import.meta.url);
const operations = allOperations();
const committedSample = (op: (typeof operations)[number]) =>
  readFileSync(new URL(sampleFileName(op), samplesDirUrl), "utf8");
const cspOf = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");

describe("API pages", () => {
  it.each(apiNames.map((api) => [api]))("%s.html is self-contained and offline", (api) => {
    const html = readSite(`${api}.html`);
    for (const url of redoclyLogoUrls) expect(html).not.toContain(url);
    expect(html).not.toContain("cdn.redocly.com/redoc/");
    // The one script file is the shared Redoc bundle of the site, admitted by its hash.
    const sources = [...html.matchAll(/<script[^>]+\bsrc="([^"]*)"/gi)].map((m) => m[1]!);
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^redoc\.[0-9a-f]{16}\.js$/);
    const linked = [...html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/gi)].map((m) => m[1]!);
    expect(linked.filter((href) => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href))).toEqual([]);
    const csp = cspOf(html);
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    for (const hash of inlineScriptHashes(html)) expect(csp).toContain(hash);
  });

  it.each(operations.map((op) => [`${op.api}.${op.operationId}`, op]))(
    "%s carries the generated x-codeSamples",
    (_name, op) => {
      const definition = pageDefinition(readSite(`${op.api}.html`));
      expect(operationObject(definition, op)["x-codeSamples"]).toEqual(codeSamplesFor(op, committedSample(op)));
    },
  );

  it.each(apiNames.flatMap((api) => ["json", "yaml"].map((format) => [`${api}.${format}`])))(
    "specs/%s is the raw bundled spec",
    (file) => {
      expect(readSite(`specs/${file}`)).toBe(readFileSync(require.resolve(`@dbupgrade/specs/bundled/${file}`), "utf8"));
    },
  );
});

describe("portal", () => {
  const html = readSite("index.html");

  it.each(operations.map((op) => [`${op.api}.${op.operationId}`, op]))(
    "lists %s with its facts from the specs",
    (_name, op) => {
      const section =
        new RegExp(`<section class="group" id="group-${op.group}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
      const card =
        new RegExp(
          `<article class="card" id="[^"]+" data-api="${op.api}" data-operation="${op.operationId}" data-group="${op.group}">[\\s\\S]*?</article>`,
        ).exec(section)?.[0] ?? "";
      expect(card, `card of ${op.api}.${op.operationId} in the ${op.group} section`).toContain(op.operationId);
      expect(card).toContain(`<span class="method">${op.method}</span> <code>${op.path}</code>`);
      expect(card).toContain(`<span class="status">${op.successStatus}</span>`);
      expect(card).toContain(`version ${op.specVersion}, OpenAPI ${op.openapiVersion}`);
      for (const constraint of op.constraints)
        expect(card).toContain(
          constraint
            .replace(/`([^`]+)`/g, "<code>$1</code>")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&#39;"),
        );
      for (const href of [apiPageHref(op.api), operationHref(op), specHref(op.api, "json"), specHref(op.api, "yaml")])
        expect(card).toContain(`href="${href}"`);
    },
  );

  it("groups the cards and the samples by x-dbupgrade-group, in the job's order (plan, upgrade, follow)", () => {
    const sections = [...html.matchAll(/<section class="group" id="group-([a-z]+)"/g)].map((m) => m[1]);
    expect(sections).toEqual(["plan", "upgrade", "follow"]);
    expect(new Set(sections)).toEqual(new Set(operations.map((op) => op.group)));
    const samples = [...html.matchAll(/<details[^>]* data-group="([a-z]+)"/g)].map((m) => m[1]);
    expect(samples).toHaveLength(operations.length);
    expect(samples).toEqual([...samples].sort((a, b) => sections.indexOf(a) - sections.indexOf(b)));
  });

  it("links only to files of the site", () => {
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.split("#")[0]!);
    const files = new Set([
      ...readdirSync(siteDir),
      ...["specs", "console"].flatMap((dir) => readdirSync(join(siteDir, dir)).map((f) => `${dir}/${f}`)),
    ]);
    expect(hrefs.length).toBeGreaterThan(apiNames.length * 4);
    for (const href of hrefs) expect(files.has(href), href).toBe(true);
  });

  it("allows only its own script and style", () => {
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    const csp = cspOf(html) ?? "";
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`script-src ${sha(script)};`);
    expect(csp).toContain(`style-src ${sha(style)};`);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("escapes everything it takes from the specs", () => {
    const [first] = operations;
    const payload = `<img src=x onerror="alert(1)">`;
    const hostile = {
      ...first!,
      service: `</title><script>alert(1)</script>`,
      serviceSummary: payload,
      summary: payload,
      constraints: [`\`<b>\` ${payload}`],
      operationId: `a"b`,
    };
    const out = renderPortal([{ op: hostile, typescript: `// ${payload}`, curl: `curl '${payload}'` }]);
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script>alert");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain("<code>&lt;b&gt;</code>");
    expect(out.match(/<script>/g)).toHaveLength(1);
  });
});

describe("offline post-processing", () => {
  it("replaces the CDN logos and fails loudly when Redoc moved them", () => {
    const page = `<img src="${redoclyLogoUrls[0]}"><img src="${redoclyLogoUrls[1]}">`;
    expect(inlineRedoclyLogo(page)).not.toContain("https://");
    expect(inlineRedoclyLogo(page).match(/data:image\/svg\+xml;base64,/g)).toHaveLength(2);
    expect(() => inlineRedoclyLogo(`<img src="${redoclyLogoUrls[0]}">`)).toThrow(/no longer references/);
  });

  it("fills exactly one policy placeholder with the scripts' hashes", () => {
    const page = `<meta content="${cspPlaceholder}"><script>a()</script><script type="module">b()</script>`;
    const out = applyContentSecurityPolicy(page);
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(out).toContain(`script-src ${sha("a()")} ${sha("b()")};`);
    expect(() => applyContentSecurityPolicy("<script>a()</script>")).toThrow(/found 0/);
    expect(() => inlineScriptHashes(`<script src="https://cdn.example/x.js"></script>`)).toThrow(/external script/);
    expect(() => inlineScriptHashes(`<script src="redoc.js"></script>`)).toThrow(/integrity/);
    expect(inlineScriptHashes(`<script type="module" src="redoc.js" integrity="sha256-abc="></script>`)).toEqual([
      "'sha256-abc='",
    ]);
  });
});

describe("reproducible build", () => {
  it("a second build from the same inputs is byte-identical", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "docs-rebuild-"));
    try {
      await buildSite({ outDir });
      const list = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? list(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
        );
      expect(list(outDir).sort()).toEqual(list(siteDir).sort());
      for (const file of list(siteDir)) {
        expect(readFileSync(join(outDir, file)).equals(readFileSync(join(siteDir, file))), file).toBe(true);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
