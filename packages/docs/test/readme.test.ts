import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderCurlSample } from "../src/code-samples.mjs";
import { allOperations } from "../src/operations.mjs";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const shBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

describe("README", () => {
  it("shows the curl the portal generates for DDS, verbatim", () => {
    const dds = allOperations().find((op) => op.api === "dds")!;
    expect(shBlocks).toContain(renderCurlSample(dds));
  });

  it("shows the committed portal screenshot", () => {
    expect(readme).toContain("](portal.png)");
    const png = readFileSync(new URL("../portal.png", import.meta.url));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});
