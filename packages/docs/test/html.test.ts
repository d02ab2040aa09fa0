import { describe, expect, it } from "vitest";
import { escapeHtml, escapeUrl } from "../src/html.mjs";

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;",
    );
  });

  it("stringifies non-strings", () => {
    expect(escapeHtml(202)).toBe("202");
  });
});

describe("escapeUrl", () => {
  it("keeps relative and http(s) links", () => {
    expect(escapeUrl("specs/dds.json")).toBe("specs/dds.json");
    expect(escapeUrl("dds.html#/db-instance-management/x")).toBe("dds.html#/db-instance-management/x");
    expect(escapeUrl("https://example.com/?a=1&b=2")).toBe("https://example.com/?a=1&amp;b=2");
  });

  it("refuses script and data links", () => {
    expect(() => escapeUrl("javascript:alert(1)")).toThrow(/javascript/);
    expect(() => escapeUrl(" JavaScript:alert(1)")).toThrow();
    expect(() => escapeUrl("data:text/html,<script>")).toThrow(/data/);
  });
});
