// The four API pages share one Redoc bundle: a content-addressed file of the site, byte-identical to
// what each page would otherwise inline, admitted by each page's CSP through its SHA-256.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { apiNames } from "@dbupgrade/specs";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes } from "../src/offline-html.mjs";
import { redocExports, shareRedocBundle } from "../src/shared-bundle.mjs";
import { readSite, siteDir } from "./site-files.js";

const bundles = readdirSync(siteDir).filter((f) => /^redoc\.[0-9a-f]{16}\.js$/.test(f));

describe("the shared Redoc bundle", () => {
  it("is one file, named by its content, used by every API page", () => {
    expect(bundles).toHaveLength(1);
    const [file] = bundles as [string];
    const bytes = readSite(file);
    expect(file.slice(6, 22)).toBe(createHash("sha256").update(bytes).digest("hex").slice(0, 16));
    for (const api of apiNames) {
      const html = readSite(`${api}.html`);
      const integrity = `sha256-${createHash("sha256").update(bytes).digest("base64")}`;
      expect(html).toContain(`<script type="module" src="${file}" integrity="${integrity}"></script>`);
      expect(inlineScriptHashes(html)).toContain(`'${integrity}'`);
      expect(html).not.toContain(redocExports); // the bundle is no longer inline
      expect(html.length).toBeLessThan(bytes.length / 4);
    }
  });

  it("splits a page at Redoc's exports and hands them over through one global", () => {
    const page = `<head></head><script type="module">/*redoc*/function hydrate(){}${redocExports}\nconst __redoc_definition = {};\nhydrate(__redoc_definition, __redoc_options, el);</script>`;
    const { html, asset } = shareRedocBundle(page);
    expect(asset.content).toBe(
      "/*redoc*/function hydrate(){}globalThis.__dbupgradeRedoc={RedocStandalone,hydrate,init};\n",
    );
    expect(asset.file).toMatch(/^redoc\.[0-9a-f]{16}\.js$/);
    expect(html).toContain("globalThis.__dbupgradeRedoc.hydrate(__redoc_definition, __redoc_options, el)");
    expect(html.indexOf(`src="${asset.file}"`)).toBeLessThan(html.indexOf("__redoc_definition"));
  });

  it("fails the build when Redoc's bundle no longer ends the way it expects", () => {
    expect(() => shareRedocBundle(`<script type="module">export{hydrate};</script>`)).toThrow(/found 0/);
    expect(() => shareRedocBundle(`<script type="module">${redocExports}init();</script>`)).toThrow(/hydrate/);
  });
});
