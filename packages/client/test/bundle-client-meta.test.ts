// A submit-only browser app bundles the client's slice of the metadata (what a call reads), not the
// full meta: no summaries, constraints, IAM actions, follow declarations or plan-operation facts.
import {
  apiMeta,
  apiNames,
  ddsClientMeta,
  gaussdbClientMeta,
  geminidbClientMeta,
  taurusdbClientMeta,
} from "@dbupgrade/meta";
import { describe, expect, it } from "vitest";
import { browserBundle, entries } from "./support/bundle.js";

/** Texts only the full meta of an API holds: summaries, constraints, IAM actions, follow declarations. */
function fullMetaOnlyStrings(api: (typeof apiNames)[number]): string[] {
  return Object.values(apiMeta[api].operations).flatMap((op) => [
    op.summary,
    ...op.constraints,
    ...(op.iamAction === null ? [] : [op.iamAction]),
  ]);
}

describe("client metadata slice", () => {
  it("of one client holds no follow declaration, constraint or plan-operation extra", async () => {
    const bundle = await browserBundle(entries["one client (GeminiDB) + signing"]);
    expect(bundle.inputs.some((i) => /geminidb\.meta\.client\.[jt]s$/.test(i))).toBe(true);
    expect(bundle.inputs.some((i) => /geminidb\.meta\.[jt]s$/.test(i))).toBe(false);
    const strings = fullMetaOnlyStrings("geminidb");
    expect(strings.length).toBeGreaterThan(3);
    for (const s of strings) expect(bundle.code, s).not.toContain(s);
    for (const key of [
      "follows",
      "createdAfterQuery",
      "jobIdField",
      "iamAliases",
      "requiredBodyFields",
      "constraints",
      "summary",
    ])
      expect(bundle.code, key).not.toMatch(new RegExp(`\\b${key}:`));
    // Still every operation's path and every region's endpoint: the client calls them all.
    for (const op of Object.values(geminidbClientMeta.operations)) expect(bundle.code).toContain(op.path);
    for (const url of Object.values(geminidbClientMeta.endpoints)) expect(bundle.code).toContain(url);
  });

  it("is the full meta's fields the client reads, for every API", () => {
    for (const api of apiNames) {
      const full = apiMeta[api];
      const slice = {
        geminidb: geminidbClientMeta,
        taurusdb: taurusdbClientMeta,
        dds: ddsClientMeta,
        gaussdb: gaussdbClientMeta,
      }[api];
      expect(Object.keys(slice.operations)).toEqual(Object.keys(full.operations));
      expect(slice.endpoints).toEqual(full.endpoints);
      for (const [id, op] of Object.entries(full.operations)) {
        const { operationId, method, path, successStatus, language, requestContentType } = op;
        expect((slice.operations as Record<string, unknown>)[id]).toEqual({
          operationId,
          method,
          path,
          successStatus,
          language,
          requestContentType,
        });
      }
    }
  });
});
