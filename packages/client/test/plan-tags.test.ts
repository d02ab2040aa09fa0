// Selecting by tag and what a plan row shows: the tags query goes to the lists that filter by it (DDS, openGauss,
// TaurusDB), the returned tags are checked again (AND) so a server that ignores the query changes nothing,
// GeminiDB refuses tags with the reason, and rows carry the maintenance window and the candidate versions.
import { describe, expect, it } from "vitest";
import { planDdsUpgrades } from "../src/services/dds/plan.js";
import { planGaussDbHotfixes } from "../src/services/gaussdb/plan.js";
import { planGeminiDbUpgrades } from "../src/services/geminidb/plan.js";
import { planTaurusDbUpgrades } from "../src/services/taurusdb/plan.js";
import { NOT_IN_LIST } from "../src/workflow/plan-types.js";
import { normalizeSelector } from "../src/workflow/selector.js";

type Query = Record<string, unknown>;
const tagged = (id: string, tags: Record<string, string>) => ({
  id,
  name: `db-${id}`,
  status: "normal",
  actions: [],
  maintenance_window: "02:00-06:00",
  tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
  datastore: { type: "DDS-Community", version: "4.0", patch_available: true, whole_version: "4.0.3.112" },
});
const fleet = [
  tagged("a", { env: "prod", team: "payments" }),
  tagged("b", { env: "prod" }),
  tagged("c", { env: "staging", team: "payments" }),
  tagged("d", {}),
];

/** A DDS list that records its queries; `honour` says whether it applies the tags query. */
function ddsList(honour: boolean) {
  const queries: Query[] = [];
  const client = {
    async listInstancesOrThrow({ query }: { query: Query }) {
      queries.push(query);
      const wanted = typeof query.tags === "string" ? query.tags.split(",").map((p) => p.split("=")) : [];
      const rows = honour
        ? fleet.filter((row) => wanted.every(([k, v]) => row.tags.some((t) => t.key === k && t.value === v)))
        : fleet;
      return { instances: rows, total_count: rows.length };
    },
    async showUpgradeDurationOrThrow() {
      return { strategies: [{ strategy: "minimized_upgrade_time", estimated_upgrade_duration: 5 }] };
    },
  };
  return { client, queries };
}

describe("selecting by tag", () => {
  it.each([true, false])("keeps the instances with every tag (server honours the query: %s)", async (honour) => {
    const { client, queries } = ddsList(honour);
    const plan = await planDdsUpgrades(client as never, { selector: { tags: { env: "prod", team: "payments" } } });
    expect(queries[0]).toMatchObject({ tags: "env=prod,team=payments" });
    expect(plan.rows.map((r) => r.instanceId)).toEqual(["a"]);
    expect(plan.rows[0]!.tags).toEqual({ env: "prod", team: "payments" });
    const one = await planDdsUpgrades(ddsList(honour).client as never, { selector: { tags: { env: "prod" } } });
    expect(one.rows.map((r) => r.instanceId)).toEqual(["a", "b"]);
  });

  it("sends no tags query without tags, and then selects untagged instances too", async () => {
    const { client, queries } = ddsList(true);
    const plan = await planDdsUpgrades(client as never, {});
    expect(queries[0]).not.toHaveProperty("tags");
    expect(plan.rows.map((r) => r.instanceId)).toEqual(["a", "b", "c", "d"]);
  });

  it("an empty value matches any value of its key", async () => {
    const plan = await planDdsUpgrades(ddsList(false).client as never, { selector: { tags: { team: "" } } });
    expect(plan.rows.map((r) => r.instanceId)).toEqual(["a", "c"]);
  });

  it("refuses tags on GeminiDB, saying why, before any request", async () => {
    let listed = 0;
    const client = {
      async listInstancesOrThrow() {
        listed++;
        return { instances: [], total_count: 0 };
      },
    };
    await expect(planGeminiDbUpgrades(client as never, { selector: { tags: { env: "prod" } } })).rejects.toThrow(
      /neither filters by tags nor returns them/,
    );
    expect(listed).toBe(0);
  });

  it("refuses tags that the lists' query cannot carry", () => {
    expect(() => normalizeSelector({ tags: { "a,b": "c" } })).toThrow(/must not contain/);
    expect(() => normalizeSelector({ tags: { env: "a=b" } })).toThrow(/must not contain/);
    expect(() => normalizeSelector({ tags: {} })).toThrow(/no tag/);
    expect(() => normalizeSelector({ tags: ["env=prod"] as never })).toThrow(/object/);
  });
});

describe("plan rows", () => {
  it("DDS rows carry the list's maintenance window; the target is not exposed", async () => {
    const plan = await planDdsUpgrades(ddsList(true).client as never, {});
    expect(plan.rows[0]).toMatchObject({ maintenanceWindow: "02:00-06:00", candidates: null, to: "not exposed" });
  });

  it("openGauss rows carry the window, the offered hot patches and the chosen target", async () => {
    const client = {
      async listDatabaseInstancesOrThrow() {
        return {
          instances: [
            {
              id: "g1",
              name: "g1",
              status: "ACTIVE",
              maintenance_window: "03:00-04:00",
              tags: [{ key: "env", value: "prod" }],
              datastore: { type: "GaussDB", version: "V2.0-3.208", complete_version: "V2.0-3.208.0.5" },
            },
          ],
          total_count: 1,
        };
      },
      async listScheduleTaskOrThrow() {
        return { tasks: [], total_count: 0 };
      },
      async batchShowUpgradeCandidateVersionsOrThrow() {
        return {
          upgrade_type_list: [
            {
              upgrade_type: "hotfix",
              enable: true,
              upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: true }],
            },
          ],
          hotfix_upgrade_infos: [{ version: "3.208.0.7" }, { version: "3.208.0.6" }],
        };
      },
    };
    const plan = await planGaussDbHotfixes(client as never, { selector: { tags: { env: "prod" } } });
    expect(plan.rows[0]).toMatchObject({
      eligible: true,
      maintenanceWindow: "03:00-04:00",
      candidates: ["3.208.0.6", "3.208.0.7"],
      to: "3.208.0.7",
      tags: { env: "prod" },
    });
  });

  it("TaurusDB rows say the list has no maintenance window", async () => {
    const client = {
      async listGaussMySqlInstancesUnifyStatusOrThrow() {
        return {
          instances: [
            { id: "t1", name: "t1", status: "normal", datastore: { type: "gaussdb-mysql", kernel_version: "2.0.1" } },
          ],
          total_count: 1,
        };
      },
      async listImmediateJobsOrThrow() {
        return { jobs: [], total_count: 0 };
      },
      async showInstanceDatabaseVersionOrThrow() {
        return { upgrade_flag: true, datastore: { current_kernel_version: "2.0.1", latest_kernel_version: "2.0.9" } };
      },
    };
    const plan = await planTaurusDbUpgrades(client as never, {});
    expect(plan.rows[0]).toMatchObject({ maintenanceWindow: NOT_IN_LIST, to: "2.0.9", candidates: null, tags: null });
  });
});
