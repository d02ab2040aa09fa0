import { apiNames } from "@dbupgrade/specs";
import { describe, expect, it } from "vitest";
import { createFleet } from "../src/fleet.js";
import { instanceStatuses } from "../src/fleet-types.js";
import { createPrng } from "../src/prng.js";
import { instanceIdSuffix, instanceIdSuffixes, seedPageInstances } from "../src/seed-page.js";
import { geminiDbEngines } from "../src/services/geminidb/versions.js";
import { latestVersion } from "../src/services/profiles.js";

const fixedClock = () => Date.UTC(2026, 0, 1);

describe("seeded randomness", () => {
  it("repeats for the same seed and stream, and differs across seeds and streams", () => {
    const draw = (seed: number, stream: string) => {
      const p = createPrng(seed, stream);
      return [p.hex(40), p.uuid(), p.int(1000), p.next()];
    };
    expect(draw(1, "a")).toEqual(draw(1, "a"));
    expect(draw(1, "a")).not.toEqual(draw(2, "a"));
    expect(draw(1, "a")).not.toEqual(draw(1, "b"));
  });

  it("makes version-4 UUIDs and spreads integers over their range", () => {
    const p = createPrng(7, "uuids");
    for (let i = 0; i < 50; i++)
      expect(p.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const seen = new Set(Array.from({ length: 200 }, () => p.int(4)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe("the seed page (instances the spec examples name)", () => {
  it("derives ids, states and versions from the examples", () => {
    expect(seedPageInstances("geminidb")).toEqual([
      {
        id: "046287aae57843b1a7bc61b7a8812f41in13",
        status: "available",
        reservedJobId: "e4616470-733d-41de-a9b0-a260709293d3",
        engine: "Influx",
      },
      { id: "3d1e04f49efa473a8c7eaf07ed7ff870in13", status: "abnormal", engine: "Influx" },
    ]);
    expect(seedPageInstances("dds").map((i) => [i.id, i.status])).toEqual([
      ["046287aae57843b1a7bc61b7a8812f41in02", "available"],
      ["3d1e04f49efa473a8c7eaf07ed7ff870in02", "abnormal"],
    ]);
    expect(seedPageInstances("taurusdb")).toEqual([
      { id: "6754902da1f447269c6979b0590102a5in07", status: "available", version: "2.0.48.231200" },
    ]);
    expect(seedPageInstances("gaussdb").map((i) => [i.id, i.status, i.reservedJobId])).toEqual([
      ["cc0ae5c47bf94834bf9e44138f7f995ain14", "available", "07c5880a-cbf0-44ad-91c1-5803a10f11a1"],
      ["aa0ae5c47bf94834bf9e44138f7f995ain14", "available", "07c5880a-cbf0-44ad-91c1-5803a10f11a1"],
    ]);
    expect(apiNames.map((api) => instanceIdSuffix(api))).toEqual(["in06", "in07", "in02", "in14"]);
    expect(apiNames.map(instanceIdSuffixes)).toEqual([["in06", "in13", "in12"], ["in07"], ["in02"], ["in14"]]);
  });

  it("is in every fleet, whatever the seed", () => {
    for (const seed of [1, 2, 99]) {
      const fleet = createFleet({ seed, clock: fixedClock });
      for (const api of apiNames) {
        for (const s of seedPageInstances(api)) expect(fleet.get(api, s.id)?.status).toBe(s.status);
      }
      expect(fleet.get("taurusdb", "6754902da1f447269c6979b0590102a5in07")?.version).toBe("2.0.48.231200");
    }
  });
});

describe("generated instances", () => {
  it("are the same for the same seed and differ for another", () => {
    const ids = (seed: number) =>
      apiNames.flatMap((api) =>
        createFleet({ seed, clock: fixedClock })
          .instances(api)
          .map((i) => [i.id, i.status, i.version, i.engine]),
      );
    expect(ids(5)).toEqual(ids(5));
    expect(ids(5)).not.toEqual(ids(6));
  });

  it("use each service's id format and cover every state (and every GeminiDB engine in every state)", () => {
    const fleet = createFleet({ seed: 3, clock: fixedClock });
    for (const api of apiNames) {
      const instances = fleet.instances(api);
      expect(instances.length).toBe(20 + seedPageInstances(api).length);
      for (const i of instances) expect(i.id).toMatch(new RegExp(`^[0-9a-f]{32}${instanceIdSuffix(api, i.engine)}$`));
      expect(new Set(instances.map((i) => i.id)).size).toBe(instances.length);
      for (const status of instanceStatuses) expect(fleet.instances(api, { status }).length).toBeGreaterThan(0);
    }
    for (const engine of geminiDbEngines) {
      for (const status of instanceStatuses)
        expect(fleet.instances("geminidb", { engine, status }).length).toBeGreaterThan(0);
    }
    expect(fleet.instances("dds").every((i) => i.engine === undefined)).toBe(true);
  });

  it("give each GeminiDB engine its own id suffix (in06 Cassandra, in12 Redis, in13 Influx), the seed page's in13 ids included", () => {
    const fleet = createFleet({ seed: 3, clock: fixedClock });
    const suffixOf = { Cassandra: "in06", Redis: "in12", Influx: "in13" } as const;
    for (const engine of geminiDbEngines) {
      const ids = fleet.instances("geminidb", { engine }).map((i) => i.id);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id.endsWith(suffixOf[engine]), `${engine} ${id}`).toBe(true);
    }
    expect(fleet.get("geminidb", "046287aae57843b1a7bc61b7a8812f41in13")).toMatchObject({
      engine: "Influx",
      version: "1.8.3.6",
    });
  });

  it("honours instancesPerApi", () => {
    const fleet = createFleet({ instancesPerApi: 0, clock: fixedClock });
    expect(fleet.instances("taurusdb")).toHaveLength(1);
  });
});

describe("transitions", () => {
  it("moves an accepted instance to upgrading, then to the newest version after upgradeDurationMs", () => {
    let now = Date.UTC(2026, 0, 1);
    const fleet = createFleet({ seed: 1, clock: () => now, upgradeDurationMs: 10_000 });
    const [instance] = fleet.instances("dds", { status: "available" });
    const job = fleet.startUpgrade("dds", instance!.id);
    expect(job).toMatchObject({
      instanceId: instance!.id,
      fromVersion: instance!.version,
      targetVersion: latestVersion("dds"),
      status: "running",
    });
    expect(fleet.get("dds", instance!.id)).toMatchObject({ status: "upgrading", upgrade: { id: job.id } });

    now += 9_999;
    expect(fleet.get("dds", instance!.id)?.status).toBe("upgrading");
    now += 1;
    expect(fleet.get("dds", instance!.id)).toMatchObject({ status: "available", version: latestVersion("dds") });
    expect(fleet.get("dds", instance!.id)?.upgrade).toBeUndefined();
    expect(fleet.jobs("dds").find((j) => j.id === job.id)?.status).toBe("completed");
  });

  it("advance(ms) moves fleet time; advance() completes everything, scheduled upgrades included", () => {
    const fleet = createFleet({ seed: 1, clock: fixedClock, upgradeDurationMs: 60_000 });
    const [a, b] = fleet.instances("gaussdb", { status: "available" });
    fleet.startUpgrade("gaussdb", a!.id);
    const later = fleet.startUpgrade("gaussdb", b!.id, {
      startsAt: fleet.now() + 3_600_000,
      targetVersion: "3.208.0.7",
    });
    expect(later.status).toBe("scheduled");

    fleet.advance(60_000);
    expect(fleet.get("gaussdb", a!.id)?.status).toBe("available");
    expect(fleet.get("gaussdb", b!.id)).toMatchObject({ status: "upgrading", upgrade: { status: "scheduled" } });
    expect(fleet.now()).toBe(fixedClock() + 60_000);

    fleet.advance();
    expect(fleet.get("gaussdb", b!.id)).toMatchObject({ status: "available", version: "3.208.0.7" });
    expect(fleet.instances("gaussdb", { status: "upgrading" })).toEqual([]);
  });

  it("refuses to upgrade an instance that is not available, and to set one to upgrading by hand", () => {
    const fleet = createFleet({ clock: fixedClock });
    const [frozen] = fleet.instances("taurusdb", { status: "frozen" });
    expect(() => fleet.startUpgrade("taurusdb", frozen!.id)).toThrow(/frozen/);
    const [upgrading] = fleet.instances("taurusdb", { status: "upgrading" });
    expect(() => fleet.setStatus("taurusdb", upgrading!.id, "available")).toThrow(/upgrading/);
    fleet.setStatus("taurusdb", frozen!.id, "available");
    expect(fleet.startUpgrade("taurusdb", frozen!.id).status).toBe("running");
  });

  it("gives the example's job id to the example instance's first upgrade only, again after reset", () => {
    const fleet = createFleet({ seed: 4, clock: fixedClock, upgradeDurationMs: 0 });
    const id = "046287aae57843b1a7bc61b7a8812f41in13";
    expect(fleet.startUpgrade("geminidb", id).id).toBe("e4616470-733d-41de-a9b0-a260709293d3");
    const second = fleet.startUpgrade("geminidb", id).id;
    expect(second).not.toBe("e4616470-733d-41de-a9b0-a260709293d3");
    fleet.reset();
    expect(fleet.startUpgrade("geminidb", id).id).toBe("e4616470-733d-41de-a9b0-a260709293d3");
    expect(fleet.startUpgrade("geminidb", id).id).toBe(second);
  });

  it("adds instances and drops them on reset", () => {
    const fleet = createFleet({ clock: fixedClock });
    const added = fleet.add("geminidb", { engine: "Redis", status: "frozen" });
    expect(added).toMatchObject({ api: "geminidb", engine: "Redis", status: "frozen" });
    expect(added.id).toMatch(/in12$/);
    expect(fleet.add("geminidb", { id: `${"a".repeat(32)}in13` }).engine).toBe("Influx");
    expect(fleet.add("geminidb", { id: "no-suffix" }).engine).toBe("Cassandra");
    expect(() => fleet.add("geminidb", { id: `${"b".repeat(32)}in06`, engine: "Redis" })).toThrow(/Cassandra id/);
    expect(() => fleet.add("geminidb", { id: added.id })).toThrow(/exists/);
    expect(() => fleet.add("dds", { engine: "Redis" })).toThrow(/engine/);
    fleet.reset();
    expect(fleet.get("geminidb", added.id)).toBeUndefined();
  });
});
