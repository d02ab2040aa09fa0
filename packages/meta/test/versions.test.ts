import { describe, expect, it } from "vitest";
import { compareVersions } from "../src/index.js";

describe("compareVersions", () => {
  it("orders parts numerically, not as text", () => {
    expect(compareVersions("3.208.0.10", "3.208.0.9")).toBe(1);
    expect(compareVersions("3.208.0.9", "3.208.0.10")).toBe(-1);
  });
  it("treats a missing part as zero", () => {
    expect(compareVersions("3.208", "3.208.0")).toBe(0);
    expect(compareVersions("3.208", "3.208.0.1")).toBe(-1);
  });
  it("reads a dash as a separator and falls back to text order for words", () => {
    expect(compareVersions("2.0.48-231200", "2.0.48-231199")).toBe(1);
    expect(compareVersions("1.0.beta", "1.0.alpha")).toBe(1);
  });
  it("sorts a list oldest first", () => {
    expect(["3.208.0.10", "3.208.0.6", "3.208.0.7"].sort(compareVersions)).toEqual([
      "3.208.0.6",
      "3.208.0.7",
      "3.208.0.10",
    ]);
  });
});
