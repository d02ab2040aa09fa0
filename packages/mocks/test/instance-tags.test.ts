// Instance tags: the seeded fleet tags instances by position, the DDS, openGauss (/v3.3) and TaurusDB (/v3.1)
// lists return them as [{key, value}], and their `tags` query keeps the instances that have every pair.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasTags, parseTagQuery, seededTags } from "../src/instance-tags.js";
import { transports, type Transport } from "./follow-support.js";

const lists = [
  ["dds", "listInstances"],
  ["gaussdb", "listDatabaseInstances"],
  ["taurusdb", "listGaussMySqlInstancesUnifyStatus"],
] as const;

describe("tag queries", () => {
  it("every pair must match; an empty value matches any value of its key", () => {
    const tags = { env: "prod", team: "payments" };
    expect(hasTags(tags, parseTagQuery("env=prod"))).toBe(true);
    expect(hasTags(tags, parseTagQuery("env=prod,team=payments"))).toBe(true);
    expect(hasTags(tags, parseTagQuery("env=prod,team=search"))).toBe(false);
    expect(hasTags(tags, parseTagQuery("team="))).toBe(true);
    expect(hasTags({}, parseTagQuery("env=prod"))).toBe(false);
    expect(parseTagQuery("")).toBeUndefined();
  });

  it("seeds the same tags for the same position", () => {
    expect(seededTags(0)).toEqual({ env: "prod", team: "payments" });
    expect(seededTags(4)).toEqual(seededTags(0));
    expect(seededTags(3)).toEqual({});
  });
});

describe.each(transports)("%s", (_name, open) => {
  let t: Transport;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(() => t.close());

  it.each(lists)("%s %s returns tags and filters by the tags query (AND)", async (api, operation) => {
    const fleet = t.mock.fleet.instances(api);
    const all = await t.call(api, operation, { query: { limit: 100 } });
    const listed = all.body.instances as { id: string; tags: { key: string; value: string }[] }[];
    for (const row of listed) {
      const tags = fleet.find((i) => i.id === row.id)!.tags;
      expect(row.tags).toEqual(Object.entries(tags).map(([key, value]) => ({ key, value })));
    }
    const prod = fleet.filter((i) => i.tags.env === "prod").map((i) => i.id);
    const both = fleet.filter((i) => i.tags.env === "prod" && i.tags.team === "payments").map((i) => i.id);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(prod.length);
    const byEnv = await t.call(api, operation, { query: { tags: "env=prod", limit: 100 } });
    expect(byEnv.body.instances.map((i: { id: string }) => i.id).sort()).toEqual([...prod].sort());
    expect(byEnv.body.total_count).toBe(prod.length);
    const byBoth = await t.call(api, operation, { query: { tags: "env=prod,team=payments", limit: 100 } });
    expect(byBoth.body.instances.map((i: { id: string }) => i.id).sort()).toEqual([...both].sort());
  });

  it("an instance added with tags has them", () => {
    const added = t.mock.fleet.add("dds", { tags: { env: "canary" } });
    expect(added.tags).toEqual({ env: "canary" });
    expect(t.mock.fleet.add("dds").tags).toEqual({});
  });
});
