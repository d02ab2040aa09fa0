// A deterministic, stateful set of simulated instances per API. Upgrades move an instance to
// `upgrading` and, once their time has passed (or on `advance()`), to the new version.
import { apiNames, type ApiName } from "@dbupgrade/specs";
import type { InstanceStatus, MockInstance, NewInstance, UpgradeJob } from "./fleet-types.js";
import { engineOfInstanceId } from "./instance-ids.js";
import { createPrng, type Prng } from "./prng.js";
import { instanceIdSuffix, seedPageInstances } from "./seed-page.js";
import { geminiDbEngines, latestVersion, versionsFor, type GeminiDbEngine } from "./versions.js";

export interface FleetOptions {
  /** Same seed, same instances, job ids and answers. Default 1. */
  seed?: number | string;
  /** Generated instances per API, besides the ones the spec examples name. Default 20. */
  instancesPerApi?: number;
  /** How long an upgrade runs once started. Default 60 000 ms. */
  upgradeDurationMs?: number;
  /** How far a TaurusDB `delay: true` upgrade is deferred (to the maintenance window). Default 1 hour. */
  maintenanceDelayMs?: number;
  /** The time source in ms since the epoch. Default `Date.now`. `advance()` adds to it. */
  clock?: () => number;
}

export interface StartUpgrade {
  targetVersion?: string;
  /** When the upgrade starts; default now. */
  startsAt?: number;
  /** Or: how long after submission it starts (measured on the same clock reading as the submission). */
  startsAfterMs?: number;
}

export interface Fleet {
  readonly seed: number | string;
  readonly upgradeDurationMs: number;
  readonly maintenanceDelayMs: number;
  /** The fleet's current time: the clock plus everything `advance(ms)` added. */
  now(): number;
  /** Snapshots of one API's instances, optionally filtered. */
  instances(api: ApiName, filter?: { status?: InstanceStatus; engine?: GeminiDbEngine }): MockInstance[];
  get(api: ApiName, id: string): MockInstance | undefined;
  /** Every upgrade accepted so far (and the ones the seed started with), oldest first. */
  jobs(api?: ApiName): UpgradeJob[];
  /**
   * Moves time forward by `ms` and applies the transitions that became due; without an argument,
   * completes every scheduled or running upgrade now.
   */
  advance(ms?: number): void;
  /** Puts an instance in a state (not `upgrading`: that only comes from an accepted upgrade). */
  setStatus(api: ApiName, id: string, status: Exclude<InstanceStatus, "upgrading">): void;
  /** Adds an instance; id, name and version are generated when omitted. */
  add(api: ApiName, instance?: NewInstance): MockInstance;
  /** Starts an upgrade of an available instance and returns its job. Used by the handlers. */
  startUpgrade(api: ApiName, id: string, options?: StartUpgrade): UpgradeJob;
  /** Back to the seeded state: the same instances, job ids starting over, added time dropped. */
  reset(): void;
}

// The stored form of a MockInstance: the job keeps no status (it is derived from the clock on read).
interface InstanceRecord extends Omit<MockInstance, "upgrade"> {
  job?: JobRecord;
  reservedJobId?: string;
}

type JobRecord = Omit<UpgradeJob, "status">;

const namePrefix: Record<ApiName, string> = { geminidb: "nosql", taurusdb: "taurus", dds: "dds", gaussdb: "gauss" };

function jobStatus(job: JobRecord, now: number): UpgradeJob["status"] {
  if (now < job.startsAt) return "scheduled";
  return now < job.completesAt ? "running" : "completed";
}

export function createFleet(options: FleetOptions = {}): Fleet {
  const seed = options.seed ?? 1;
  const perApi = options.instancesPerApi ?? 20;
  const upgradeDurationMs = options.upgradeDurationMs ?? 60_000;
  const maintenanceDelayMs = options.maintenanceDelayMs ?? 3_600_000;
  const clock = options.clock ?? Date.now;
  if (!Number.isInteger(perApi) || perApi < 0) throw new RangeError("instancesPerApi must be a non-negative integer");
  if (!(upgradeDurationMs >= 0)) throw new RangeError("upgradeDurationMs must be >= 0");

  let offset = 0;
  let jobIds: Prng;
  let byApi: Map<ApiName, Map<string, InstanceRecord>>;
  let jobs: JobRecord[];
  let added: Record<ApiName, Prng>;

  const now = () => clock() + offset;

  const nextJobId = (record: InstanceRecord): string => {
    const reserved = record.reservedJobId;
    if (reserved) {
      delete record.reservedJobId;
      return reserved;
    }
    return jobIds.uuid();
  };

  const uniqueId = (api: ApiName, prng: Prng, engine?: GeminiDbEngine): string => {
    const table = byApi.get(api)!;
    const suffix = instanceIdSuffix(api, engine);
    for (;;) {
      const id = prng.hex(32) + suffix;
      if (!table.has(id)) return id;
    }
  };

  const build = (): void => {
    offset = 0;
    jobIds = createPrng(seed, "job-ids");
    byApi = new Map(apiNames.map((api) => [api, new Map()]));
    jobs = [];
    added = Object.fromEntries(apiNames.map((api) => [api, createPrng(seed, `added:${api}`)])) as Record<ApiName, Prng>;
    const createdAt = now();

    for (const api of apiNames) {
      const table = byApi.get(api)!;
      seedPageInstances(api).forEach((s, i) => {
        const engine = s.engine;
        table.set(s.id, {
          api,
          id: s.id,
          name: `${namePrefix[api]}-example-${i + 1}`,
          status: s.status,
          version: s.version ?? versionsFor(api, engine)[0]!,
          ...(engine ? { engine } : {}),
          ...(s.reservedJobId ? { reservedJobId: s.reservedJobId } : {}),
        });
      });

      const prng = createPrng(seed, `fleet:${api}`);
      // The first instances cover every state (and, for GeminiDB, every engine in every state), so
      // tests can always find one of each; the rest are drawn at random, mostly available.
      const engines: readonly (GeminiDbEngine | undefined)[] = api === "geminidb" ? geminiDbEngines : [undefined];
      const covering: [InstanceStatus, GeminiDbEngine | undefined][] = engines.flatMap((engine) =>
        (["available", "upgrading", "frozen", "abnormal"] as const).map((status): [InstanceStatus, GeminiDbEngine | undefined] => [status, engine]),
      );
      for (let i = 0; i < perApi; i++) {
        const [status, engine] =
          covering[i] ??
          ([
            prng.next() < 0.7 ? "available" : prng.pick(["upgrading", "frozen", "abnormal"] as const),
            api === "geminidb" ? prng.pick(geminiDbEngines) : undefined,
          ] as [InstanceStatus, GeminiDbEngine | undefined]);
        const versions = versionsFor(api, engine);
        // Never the newest version, so that an upgrade visibly changes it.
        const version = versions[prng.int(Math.max(1, versions.length - 1))]!;
        const id = uniqueId(api, prng, engine);
        const record: InstanceRecord = {
          api,
          id,
          name: `${namePrefix[api]}-${String(i + 1).padStart(2, "0")}`,
          status,
          version,
          ...(engine ? { engine } : {}),
        };
        if (status === "upgrading") {
          const job: JobRecord = {
            api,
            id: jobIds.uuid(),
            instanceId: id,
            fromVersion: version,
            targetVersion: latestVersion(api, engine),
            submittedAt: createdAt,
            startsAt: createdAt,
            completesAt: createdAt + Math.round(upgradeDurationMs * (0.5 + prng.next())),
          };
          record.job = job;
          jobs.push(job);
        }
        table.set(id, record);
      }
    }
  };

  const settle = (): void => {
    const t = now();
    for (const table of byApi.values()) {
      for (const record of table.values()) {
        if (record.job && t >= record.job.completesAt) {
          record.version = record.job.targetVersion;
          record.status = "available";
          delete record.job;
        }
      }
    }
  };

  const snapshot = (record: InstanceRecord): MockInstance => ({
    api: record.api,
    id: record.id,
    name: record.name,
    status: record.status,
    version: record.version,
    ...(record.engine ? { engine: record.engine } : {}),
    ...(record.job ? { upgrade: { ...record.job, status: jobStatus(record.job, now()) } } : {}),
  });

  const recordOf = (api: ApiName, id: string): InstanceRecord => {
    const record = byApi.get(api)?.get(id);
    if (!record) throw new Error(`no ${api} instance ${id} in the fleet`);
    return record;
  };

  build();

  return {
    seed,
    upgradeDurationMs,
    maintenanceDelayMs,
    now,
    instances(api, filter = {}) {
      settle();
      return [...byApi.get(api)!.values()]
        .filter((r) => (filter.status ? r.status === filter.status : true) && (filter.engine ? r.engine === filter.engine : true))
        .map(snapshot);
    },
    get(api, id) {
      settle();
      const record = byApi.get(api)?.get(id);
      return record ? snapshot(record) : undefined;
    },
    jobs(api) {
      settle();
      const t = now();
      return jobs.filter((j) => (api ? j.api === api : true)).map((j) => ({ ...j, status: jobStatus(j, t) }));
    },
    advance(ms) {
      if (ms === undefined) {
        const t = now();
        for (const job of jobs) {
          if (job.completesAt > t) {
            job.startsAt = Math.min(job.startsAt, t);
            job.completesAt = t;
          }
        }
      } else {
        if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError("advance(ms) needs a finite ms >= 0");
        offset += ms;
      }
      settle();
    },
    setStatus(api, id, status) {
      settle();
      const record = recordOf(api, id);
      if (record.status === "upgrading") throw new Error(`${api} instance ${id} is upgrading; call advance() first`);
      record.status = status;
    },
    add(api, instance = {}) {
      settle();
      const table = byApi.get(api)!;
      if (api !== "geminidb" && instance.engine) throw new Error(`only GeminiDB instances have an engine`);
      // A GeminiDB id names its engine by its suffix; an id without one takes the given engine (default Cassandra).
      const named = api === "geminidb" && instance.id !== undefined ? engineOfInstanceId(instance.id) : undefined;
      if (named && instance.engine && named !== instance.engine) {
        throw new Error(`GeminiDB instance ${instance.id} is a ${named} id (its suffix), not ${instance.engine}`);
      }
      const engine = api === "geminidb" ? (named ?? instance.engine ?? "Cassandra") : undefined;
      const id = instance.id ?? uniqueId(api, added[api], engine);
      if (table.has(id)) throw new Error(`${api} instance ${id} already exists`);
      const record: InstanceRecord = {
        api,
        id,
        name: instance.name ?? `${namePrefix[api]}-added-${table.size + 1}`,
        status: instance.status ?? "available",
        version: instance.version ?? versionsFor(api, engine)[0]!,
        ...(engine ? { engine } : {}),
      };
      table.set(id, record);
      return snapshot(record);
    },
    startUpgrade(api, id, options = {}) {
      settle();
      const record = recordOf(api, id);
      if (record.status !== "available") throw new Error(`${api} instance ${id} is ${record.status}, not available`);
      const t = now();
      const startsAt = Math.max(t, options.startsAt ?? t + (options.startsAfterMs ?? 0));
      const job: JobRecord = {
        api,
        id: nextJobId(record),
        instanceId: id,
        fromVersion: record.version,
        targetVersion: options.targetVersion ?? latestVersion(api, record.engine),
        submittedAt: t,
        startsAt,
        completesAt: startsAt + upgradeDurationMs,
      };
      record.status = "upgrading";
      record.job = job;
      jobs.push(job);
      const snap = snapshot(record);
      return snap.upgrade!;
    },
    reset() {
      build();
    },
  };
}
