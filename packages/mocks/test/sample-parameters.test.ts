import { apiMeta, apiNames } from "@dbupgrade/specs";
import { describe, expect, it } from "vitest";
import { createMockApi, sampleParameters } from "../src/index.js";
import { seedPageInstances } from "../src/seed-page.js";

const bodyless = apiNames.flatMap((api) =>
  Object.values(apiMeta[api].operations)
    .filter((op) => op.requestContentType === null)
    .map((op) => [`${api}.${op.operationId}`, api, op.operationId] as const),
);

describe("sampleParameters", () => {
  it.each(bodyless)(
    "%s: every path parameter but project_id, and only ids the fresh fleet knows",
    (_name, api, operationId) => {
      const params = sampleParameters(api, operationId);
      const meta = (apiMeta[api].operations as Record<string, { pathParams: readonly string[] }>)[operationId]!;
      expect(Object.keys(params.path).sort()).toEqual(meta.pathParams.filter((p) => p !== "project_id").sort());
      const known = new Set(
        seedPageInstances(api).flatMap((s) => [s.id, ...(s.reservedJobId ? [s.reservedJobId] : [])]),
      );
      for (const value of [...Object.values(params.path), ...Object.values(params.query)]) {
        if (typeof value === "string" && (/in\d{2}$/.test(value) || /^[0-9a-f]{8}-?[0-9a-f]{4}/i.test(value)))
          expect(known.has(value), value).toBe(true);
      }
    },
  );

  it("keeps the spec's non-id examples (times, names) as they are", () => {
    const { query } = sampleParameters(
      "taurusdb",
      Object.values(apiMeta.taurusdb.operations).find((op) => op.group === "follow")!.operationId,
    );
    expect(query["start_time"]).toBe("2023-09-12T06:44:01+0000");
  });

  it("names an instance a fresh mock has", () => {
    const mock = createMockApi({ seed: 1 });
    const { path } = sampleParameters("dds", "showUpgradeDuration");
    expect(mock.fleet.get("dds", path["instance_id"]!)).toBeDefined();
  });
});
