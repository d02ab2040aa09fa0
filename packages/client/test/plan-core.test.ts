// The service-independent part of a plan: selectors (ids, name glob, engine, status), the ready
// checks, grouping so a request never mixes engines or source versions, chunk numbering that matches
// what the batch helpers send, and ids asked for but not listed.
import { describe, expect, it } from "vitest";
import {
  assemblePlan,
  ineligible,
  readiness,
  selectInstances,
  type ListedInstance,
  type Verdict,
} from "../src/workflow/plan-core.js";
import { globToRegExp, normalizeSelector } from "../src/workflow/selector.js";

const instance = (
  id: string,
  engine = "cassandra",
  status = "normal",
  actions: string[] = [],
  name = `db-${id}`,
): ListedInstance => ({ id, name, engine, status, actions });
const ok = (group: string): Verdict => ({
  eligible: true,
  reason: null,
  detail: null,
  from: "1.0",
  to: "not exposed",
  group,
});

describe("selector", () => {
  it("globs match whole names, * and ? only; other characters are literal", () => {
    expect(globToRegExp("prod-*").test("prod-db-1")).toBe(true);
    expect(globToRegExp("prod-*").test("xprod-db")).toBe(false);
    expect(globToRegExp("db-?").test("db-7")).toBe(true);
    expect(globToRegExp("a.b(c)").test("a.b(c)")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
  });

  it("ANDs ids, name, engine and status (case-insensitive for engine and status)", () => {
    const listed = [
      instance("1", "Cassandra"),
      instance("2", "redis"),
      instance("3", "cassandra", "abnormal"),
      instance("4", "cassandra", "normal", [], "other"),
    ];
    const pick = (selector: object) => selectInstances(listed, normalizeSelector(selector)).selected.map((i) => i.id);
    expect(pick({})).toEqual(["1", "2", "3", "4"]);
    expect(pick({ engine: "CASSANDRA" })).toEqual(["1", "3", "4"]);
    expect(pick({ engine: ["redis"], status: "NORMAL" })).toEqual(["2"]);
    expect(pick({ name: "db-*", status: ["normal", "abnormal"] })).toEqual(["1", "2", "3"]);
    expect(selectInstances(listed, normalizeSelector({ ids: ["2", "9", "9"] }))).toMatchObject({ missing: ["9"] });
  });

  it("refuses selectors that are not plain data", () => {
    expect(() => normalizeSelector({ ids: [""] })).toThrow(/selector.ids/);
    expect(() => normalizeSelector({ name: /x/ as never })).toThrow(/selector.name/);
    expect(() => normalizeSelector({ engine: [1] as never })).toThrow(/selector.engine/);
  });
});

describe("readiness", () => {
  it("wants a ready status and no action in progress", () => {
    expect(readiness(instance("a"))).toBeUndefined();
    expect(readiness(instance("a", "x", "ACTIVE"))).toBeUndefined();
    expect(readiness(instance("a", "x", "frozen"))).toMatchObject({ reason: "status" });
    expect(readiness(instance("a", "x", "normal", ["RESIZE_FLAVOR"]))).toMatchObject({
      reason: "action-in-progress",
      detail: "action in progress: RESIZE_FLAVOR",
    });
  });
});

describe("assemblePlan", () => {
  const base = {
    api: "geminidb" as const,
    selector: {},
    createdAt: "2030-01-01T00:00:00.000Z",
    toInput: (i: ListedInstance) => i.id,
    requests: 1,
    grouping: "split" as const,
    mixedReason: "mixed-engines" as const,
  };

  it("groups eligible instances, never mixing groups in a request, and numbers requests in send order", () => {
    const selected = [
      instance("c1"),
      instance("r1", "redis"),
      instance("c2"),
      instance("x", "cassandra", "frozen"),
      instance("c3"),
    ];
    const verdicts = new Map<string, Verdict>([
      ["c1", ok("cassandra")],
      ["r1", ok("redis")],
      ["c2", ok("cassandra")],
      ["x", ineligible("status", "status is frozen")],
      ["c3", ok("cassandra")],
    ]);
    const plan = assemblePlan({ ...base, listed: 9, selected, verdicts, missing: ["gone"], chunkSize: 2, notes: [] });
    expect(plan.batches).toEqual([
      { group: "cassandra", inputs: ["c1", "c2", "c3"] },
      { group: "redis", inputs: ["r1"] },
    ]);
    expect(plan.chunks).toEqual([["c1", "c2"], ["c3"], ["r1"]]);
    expect(plan.rows.map((r) => [r.instanceId, r.eligible, r.request, r.reason])).toEqual([
      ["c1", true, 1, null],
      ["r1", true, 3, null],
      ["c2", true, 1, null],
      ["x", false, null, "status"],
      ["c3", true, 2, null],
      ["gone", false, null, "not-found"],
    ]);
    expect(plan.counts).toEqual({ listed: 9, selected: 6, eligible: 4, ineligible: 2 });
    expect(plan.notes[0]).toMatch(/2 groups \(cassandra, redis\)/);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("with grouping 'single', only the largest group stays eligible; the others get the service's reason", () => {
    const selected = [instance("c1"), instance("r1", "redis"), instance("c2")];
    const verdicts = new Map<string, Verdict>([
      ["c1", ok("cassandra")],
      ["r1", ok("redis")],
      ["c2", ok("cassandra")],
    ]);
    const plan = assemblePlan({
      ...base,
      listed: 3,
      selected,
      verdicts,
      missing: [],
      chunkSize: 10,
      notes: [],
      grouping: "single",
    });
    expect(plan.rows.map((r) => [r.instanceId, r.eligible, r.reason])).toEqual([
      ["c1", true, null],
      ["r1", false, "mixed-engines"],
      ["c2", true, null],
    ]);
    expect(plan.batches).toEqual([{ group: "cassandra", inputs: ["c1", "c2"] }]);
  });
});
