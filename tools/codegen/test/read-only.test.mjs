// @ts-check
// Which operations the metadata calls read-only (what `dbupgrade check` and `record` may call), and the
// IAM action a 403 names: both come from the specs' extensions, checked here on small documents.
import { describe, expect, it } from "vitest";
import { operationMeta } from "../src/generate.mjs";

const response = { responses: { 200: { description: "ok" } } };
const doc = (paths) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths });

describe("operationMeta: readOnly and iamAction", () => {
  it("marks every GET read-only, a POST only when its spec says x-dbupgrade-read-only", () => {
    const meta = operationMeta(
      doc({
        "/a": { get: { operationId: "listA", "x-dbupgrade-group": "plan", ...response } },
        "/b": {
          post: { operationId: "queryB", "x-dbupgrade-group": "plan", "x-dbupgrade-read-only": true, ...response },
        },
        "/c": { post: { operationId: "upgradeC", ...response } },
      }),
    );
    expect(Object.values(meta.operations).map((o) => [o.operationId, o.readOnly])).toEqual([
      ["listA", true],
      ["queryB", true],
      ["upgradeC", false],
    ]);
  });

  it("refuses x-dbupgrade-read-only on anything but a POST", () => {
    const put = doc({ "/d": { put: { operationId: "cancelD", "x-dbupgrade-read-only": true, ...response } } });
    expect(() => operationMeta(put)).toThrow(/x-dbupgrade-read-only is for POST/);
  });

  it("carries the IAM action and its aliases, null when the spec names none", () => {
    const meta = operationMeta(
      doc({
        "/a": {
          get: {
            operationId: "listA",
            "x-dbupgrade-group": "plan",
            "x-dbupgrade-iam-action": "svc:instance:list",
            "x-dbupgrade-iam-aliases": ["old:instance:list"],
            ...response,
          },
        },
        "/b": { get: { operationId: "listB", "x-dbupgrade-group": "plan", ...response } },
      }),
    );
    expect(meta.operations.listA).toMatchObject({ iamAction: "svc:instance:list", iamAliases: ["old:instance:list"] });
    expect(meta.operations.listB).toMatchObject({ iamAction: null, iamAliases: [] });
  });
});
