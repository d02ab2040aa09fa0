// createDbUpgradeClients names every API lacking a region, and passes any other refusal through as is.
import { describe, expect, it } from "vitest";
import { createDbUpgradeClients } from "../src/index.js";

const common = { projectId: "a".repeat(32), auth: { token: "t" } };

describe("createDbUpgradeClients", () => {
  it("names every API whose endpoint table lacks the region", () => {
    expect(() => createDbUpgradeClients({ ...common, region: "xx-nowhere-1" })).toThrow(
      /region "xx-nowhere-1" has no endpoint for geminidb, taurusdb, dds, gaussdb/,
    );
  });

  it("reports a bad timeout as a bad timeout, not as a missing region", () => {
    const attempt = () => createDbUpgradeClients({ ...common, region: "ap-southeast-1", timeoutMs: -1 });
    expect(attempt).toThrow(RangeError);
    expect(attempt).toThrow(/timeoutMs must be a finite number >= 0/);
    expect(attempt).not.toThrow(/has no endpoint/);
  });

  it("reports a bad X-Language as a bad language, not as a missing region", () => {
    const attempt = () => createDbUpgradeClients({ ...common, region: "ap-southeast-1", language: "xx-XX" as "en-us" });
    expect(attempt).toThrow(/language must be one of/);
    expect(attempt).not.toThrow(/has no endpoint/);
  });
});
