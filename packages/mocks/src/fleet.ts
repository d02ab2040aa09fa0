// A deterministic, stateful set of simulated instances per API and the upgrade jobs on them: one
// state machine over one clock. A job is scheduled until `startsAt`, running until `completesAt`,
// then completed (the instance gets the new version), failed (with a reason) or, while scheduled,
// canceled. Transitions are derived from the clock on every read, so moving time (`advance(ms)`)
// or finishing everything (`settle()`) is all a test needs.
import { seededTags, type InstanceTags } from "./instance-tags.js";
import { apiNames, compareVersions, type ApiName } from "@dbupgrade/specs";
import type {
  InstalledPatch,
  InstanceStatus,
  JobStatus,
  MockInstance,
  NewInstance,
  UpgradeJob,
} from "./fleet-types.js";
import { createJobIdAllocator, type ExampleJobIds, type JobIdAllocator } from "./job-ids.js";
import { inFraction } from "./fraction.js";
import { createPrng, type Prng } from "./prng.js";
import type { RecordedFleet, RecordedInstance } from "./recorded-fleet.js";
import { instanceIdSuffix, seedPageInstances } from "./seed-page.js";
import type { GeminiDbEngine } from "./services/geminidb/versions.js";
import { latestVersion, newestVersion, serviceProfiles, versionsFor } from "./services/profiles.js";

export interface FleetOptions {
  /** Same seed, same instances, job ids and answers. Default 1. */
  seed?: number | string;
  /** Generated instances per API, besides the ones the spec examples name. Default 20. */
  instancesPerApi?: number;
  /** How long a job runs once started. Default 60 000 ms. */
  jobDurationMs?: number;
  /** The former name of `jobDurationMs` (still accepted). */
  upgradeDurationMs?: number;
  /** How far a TaurusDB `delay: true` upgrade is deferred (to the maintenance window). Default 1 hour. */
  maintenanceDelayMs?: number;
  /**
   * How long after creation a job stays invisible to the job APIs: a number for every API or one per
   * API. Default `{ taurusdb: 3000 }` (TaurusDB: "a job id is queryable a few seconds after creation").
   */
  visibilityDelayMs?: number | Partial<Record<ApiName, number>>;
  /** The time source in ms since the epoch. Default `Date.now`. `advance()` adds to it. */
  clock?: () => number;
  /**
   * Seed the instances from a recording (`loadRecording(dir)` in Node, `loadRecordingFiles(json)`
   * anywhere) instead of the PRNG: same ids, names, statuses, versions, engines and windows. A
   * service the recording lacks has no instances.
   */
  fleet?: RecordedFleet;
}

export interface StartUpgrade {
  targetVersion?: string;
  /** openGauss: the hot patches of the request, low to high (the last one is the target). */
  patches?: readonly string[];
  /** When the upgrade starts; default now. */
  startsAt?: number;
  /** Or: how long after submission it starts (measured on the same clock reading as the submission). */
  startsAfterMs?: number;
  /** Default `scheduled` when the start lies in the future, else `immediate`. */
  kind?: UpgradeJob["kind"];
}

/** What the next matching job does instead of completing (set by the scenarios). */
export interface JobRule {
  outcome: "fail" | "hang" | "deleteInstance";
  api?: ApiName | undefined;
  instanceId?: string | undefined;
  /** Only these instances' jobs. */
  instanceIds?: readonly string[] | undefined;
  /** Only the jobs of this share of the instances (a hash of seed and id decides which, the same every run). */
  fraction?: number | undefined;
  failReason?: string | undefined;
  /** How many jobs it applies to. */
  times: number;
}

export interface Fleet {
  readonly seed: number | string;
  readonly jobDurationMs: number;
  /** The same as `jobDurationMs` (its former name). */
  readonly upgradeDurationMs: number;
  readonly maintenanceDelayMs: number;
  /** The fleet's current time: the clock plus everything `advance(ms)` added. */
  now(): number;
  /** Snapshots of one API's instances (deleted ones are gone), optionally filtered. */
  instances(api: ApiName, filter?: { status?: InstanceStatus; engine?: GeminiDbEngine }): MockInstance[];
  get(api: ApiName, id: string): MockInstance | undefined;
  /** Every upgrade accepted so far (and the ones the seed started with), oldest first. */
  jobs(api?: ApiName): UpgradeJob[];
  /** One job by id, or undefined. */
  job(api: ApiName, id: string): UpgradeJob | undefined;
  /** Moves time forward by `ms` and applies the transitions that became due; without `ms`, the same as `settle()`. */
  advance(ms?: number): void;
  /**
   * Finishes every scheduled or running job now: completed, or failed where a scenario says so.
   * Jobs of the `hangingJob` scenario stay running.
   */
  settle(): void;
  /** Cancels a scheduled job that has not started; returns whether it did. */
  cancel(api: ApiName, jobId: string): boolean;
  /** Puts an instance in a state (not `upgrading`: that only comes from an accepted upgrade). */
  setStatus(api: ApiName, id: string, status: Exclude<InstanceStatus, "upgrading">): void;
  /** Adds an instance; id, name and version are generated when omitted. */
  add(api: ApiName, instance?: NewInstance): MockInstance;
  /** Starts an upgrade of an available instance and returns its job. Used by the handlers. */
  startUpgrade(api: ApiName, id: string, options?: StartUpgrade): UpgradeJob;
  /** Makes the next matching job(s) fail, hang or lose their instance. */
  addJobRule(rule: JobRule): void;
  /** The visibility delay of one API's new jobs (ms). */
  visibilityDelay(api: ApiName): number;
  setVisibilityDelay(api: ApiName | undefined, ms: number): void;
  /** Back to the seeded state: the same instances, job ids starting over, added time, rules and delays dropped. */
  reset(): void;
}

// The stored form of an instance: the job and the derived fields are attached on read.
interface InstanceRecord
  extends Omit<MockInstance, "upgrade" | "latestVersion" | "patchAvailable" | "installedPatches"> {
  installedPatches: InstalledPatch[];
  job?: JobRecord;
  /** A recorded instance: the target and the offer its service showed, until an upgrade completes. */
  latestVersion?: string;
  patchAvailable?: boolean;
}

// The stored form of a job: its status is derived from the clock on read.
interface JobRecord extends Omit<UpgradeJob, "status" | "failReason" | "endedAt" | "instanceDeleted"> {
  outcome: JobRule["outcome"] | "complete";
  failReason?: string;
  canceledAt?: number;
  /** Set once the final status's effect on the instance was applied. */
  applied?: boolean;
}

const namePrefix = (api: ApiName): string => serviceProfiles[api].namePrefix;
const defaultFailReason = "Upgrade failed: node health check failed.";
export const instanceDeletedReason = "The DB instance has been deleted.";

function statusOf(job: JobRecord, now: number): JobStatus {
  if (job.canceledAt !== undefined) return "canceled";
  if (now < job.startsAt) return "scheduled";
  if (job.outcome === "hang" || now < job.completesAt) return "running";
  return job.outcome === "complete" ? "completed" : "failed";
}

/** The job or task id each API's response example shows for an instance's first upgrade. */
function exampleJobIds(): ExampleJobIds {
  return Object.fromEntries(
    apiNames.map((api) => [
      api,
      new Map(seedPageInstances(api).flatMap((s) => (s.reservedJobId ? [[s.id, s.reservedJobId] as const] : []))),
    ]),
  );
}

function checkDelay(name: string, ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`${name} must be a finite number >= 0`);
  return ms;
}

/** What a fleet is built from: its options, checked once. */
interface FleetSettings {
  seed: number | string;
  perApi: number;
  jobDurationMs: number;
  maintenanceDelayMs: number;
  clock: () => number;
  visibilityDelayMs: FleetOptions["visibilityDelayMs"];
  recording: RecordedFleet | undefined;
}

/** Everything that changes as the fleet lives: built from the settings, replaced whole by `reset()`. */
interface FleetState {
  /** Time added by `advance(ms)`. */
  offset: number;
  jobIds: JobIdAllocator;
  byApi: Map<ApiName, Map<string, InstanceRecord>>;
  jobs: JobRecord[];
  /** The id source of instances added with `add()`, one per API. */
  added: Record<ApiName, Prng>;
  rules: JobRule[];
  delays: Record<ApiName, number>;
}

function settingsOf(options: FleetOptions): FleetSettings {
  const perApi = options.instancesPerApi ?? 20;
  const settings: FleetSettings = {
    seed: options.seed ?? 1,
    perApi,
    jobDurationMs: checkDelay("jobDurationMs", options.jobDurationMs ?? options.upgradeDurationMs ?? 60_000),
    maintenanceDelayMs: checkDelay("maintenanceDelayMs", options.maintenanceDelayMs ?? 3_600_000),
    clock: options.clock ?? Date.now,
    visibilityDelayMs: options.visibilityDelayMs,
    recording: options.fleet,
  };
  if (!Number.isInteger(perApi) || perApi < 0) throw new RangeError("instancesPerApi must be a non-negative integer");
  return settings;
}

function initialDelays(given: FleetOptions["visibilityDelayMs"]): Record<ApiName, number> {
  return Object.fromEntries(
    apiNames.map((api) => [
      api,
      checkDelay(
        "visibilityDelayMs",
        typeof given === "number" ? given : (given?.[api] ?? serviceProfiles[api].visibilityDelayMs),
      ),
    ]),
  ) as Record<ApiName, number>;
}

function uniqueId(table: Map<string, InstanceRecord>, api: ApiName, prng: Prng, engine?: GeminiDbEngine): string {
  const suffix = instanceIdSuffix(api, engine);
  for (;;) {
    const id = prng.hex(32) + suffix;
    if (!table.has(id)) return id;
  }
}

function newRecord(
  api: ApiName,
  fields: Omit<InstanceRecord, "api" | "maintenanceWindow" | "installedPatches" | "tags"> & { tags?: InstanceTags },
): InstanceRecord {
  return {
    api,
    tags: {},
    ...fields,
    maintenanceWindow: serviceProfiles[api].maintenanceWindow,
    installedPatches: [],
  };
}

/** The seeded fleet at `createdAt`: the spec examples' instances, then generated or recorded ones. */
function seededState(settings: FleetSettings, createdAt: number): FleetState {
  const { seed } = settings;
  const state: FleetState = {
    offset: 0,
    jobIds: createJobIdAllocator(createPrng(seed, "job-ids"), exampleJobIds()),
    byApi: new Map(apiNames.map((api) => [api, new Map()])),
    jobs: [],
    added: Object.fromEntries(apiNames.map((api) => [api, createPrng(seed, `added:${api}`)])) as Record<ApiName, Prng>,
    rules: [],
    delays: initialDelays(settings.visibilityDelayMs),
  };
  for (const api of apiNames) {
    if (settings.recording) seedRecorded(state, settings, api, settings.recording.instances[api] ?? [], createdAt);
    else seedInstances(state, settings, api, createdAt);
  }
  return state;
}

function seedInstances(state: FleetState, settings: FleetSettings, api: ApiName, createdAt: number): void {
  const table = state.byApi.get(api)!;
  seedPageInstances(api).forEach((s, i) => {
    const engine = s.engine;
    table.set(
      s.id,
      newRecord(api, {
        id: s.id,
        name: `${namePrefix(api)}-example-${i + 1}`,
        status: s.status,
        version: s.version ?? versionsFor(api, engine)[0]!,
        ...(engine ? { engine } : {}),
      }),
    );
  });

  const prng = createPrng(settings.seed, `fleet:${api}`);
  // The first instances cover every state (and, for GeminiDB, every engine in every state), so
  // tests can always find one of each; the rest are drawn at random, mostly available.
  const { engines } = serviceProfiles[api];
  const covering: [InstanceStatus, GeminiDbEngine | undefined][] = engines.flatMap((engine) =>
    (["available", "upgrading", "frozen", "abnormal"] as const).map(
      (status): [InstanceStatus, GeminiDbEngine | undefined] => [status, engine],
    ),
  );
  for (let i = 0; i < settings.perApi; i++) {
    const [status, engine] =
      covering[i] ??
      ([
        prng.next() < 0.7 ? "available" : prng.pick(["upgrading", "frozen", "abnormal"] as const),
        // Only a service with several engines draws one: the others' random sequence stays as it was.
        engines.length > 1 ? prng.pick(engines) : engines[0],
      ] as [InstanceStatus, GeminiDbEngine | undefined]);
    const versions = versionsFor(api, engine);
    // Never the newest version, so that an upgrade visibly changes it.
    const version = versions[prng.int(Math.max(1, versions.length - 1))]!;
    const id = uniqueId(table, api, prng, engine);
    const record = newRecord(api, {
      id,
      name: `${namePrefix(api)}-${String(i + 1).padStart(2, "0")}`,
      status,
      version,
      ...(engine ? { engine } : {}),
      tags: seededTags(i),
    });
    if (status === "upgrading") seedJob(state, settings, record, createdAt, prng);
    table.set(id, record);
  }
}

/** The running upgrade of an instance that is `upgrading` when the fleet is built. */
function seedJob(state: FleetState, settings: FleetSettings, record: InstanceRecord, createdAt: number, prng: Prng) {
  const target = record.latestVersion ?? latestVersion(record.api, record.engine);
  const job: JobRecord = {
    api: record.api,
    id: state.jobIds.next(record.api),
    instanceId: record.id,
    instanceName: record.name,
    fromVersion: record.version,
    targetVersion: target,
    patches: [target],
    kind: "immediate",
    submittedAt: createdAt,
    startsAt: createdAt,
    completesAt: createdAt + Math.round(settings.jobDurationMs * (0.5 + prng.next())),
    visibleAt: createdAt,
    outcome: "complete",
  };
  record.job = job;
  state.jobs.push(job);
}

function seedRecorded(
  state: FleetState,
  settings: FleetSettings,
  api: ApiName,
  recorded: readonly RecordedInstance[],
  createdAt: number,
): void {
  const table = state.byApi.get(api)!;
  const prng = createPrng(settings.seed, `recorded:${api}`);
  for (const r of recorded) {
    const record: InstanceRecord = {
      api,
      id: r.id,
      name: r.name,
      status: r.status,
      version: r.version,
      ...(r.engine ? { engine: r.engine } : {}),
      maintenanceWindow: r.maintenanceWindow,
      tags: {},
      installedPatches: (r.installedPatches ?? []).map((p) => ({ ...p })),
      ...(r.latestVersion !== undefined ? { latestVersion: r.latestVersion } : {}),
      ...(r.patchAvailable !== undefined ? { patchAvailable: r.patchAvailable } : {}),
    };
    if (r.status === "upgrading") seedJob(state, settings, record, createdAt, prng);
    table.set(r.id, record);
  }
}

/** Applies, at time `t`, the effect of every job that reached its final status. */
function applyDue(state: FleetState, t: number): void {
  for (const job of state.jobs) {
    if (job.applied) continue;
    const status = statusOf(job, t);
    if (status === "scheduled" || status === "running") continue;
    job.applied = true;
    const table = state.byApi.get(job.api)!;
    const record = table.get(job.instanceId);
    if (!record || record.job !== job) continue;
    delete record.job;
    record.status = "available";
    if (job.outcome === "deleteInstance") {
      table.delete(job.instanceId);
    } else if (status === "completed") {
      record.version = job.targetVersion;
      // A recorded offer is spent: from now on the version tables say what is available.
      delete record.patchAvailable;
      const finishedAt = job.completesAt;
      for (const version of job.patches) record.installedPatches.push({ version, finishedAt });
    }
  }
}

/** Moves every scheduled or running job (but a hanging one) to its end at `t`. */
function finishAll(jobs: readonly JobRecord[], t: number): void {
  for (const job of jobs) {
    const status = statusOf(job, t);
    if ((status === "scheduled" || status === "running") && job.outcome !== "hang") {
      job.startsAt = Math.min(job.startsAt, t);
      job.completesAt = t;
      job.visibleAt = Math.min(job.visibleAt, t);
    }
  }
}

function jobSnapshot(job: JobRecord, t: number): UpgradeJob {
  const status = statusOf(job, t);
  const { outcome, canceledAt, applied, failReason, ...fields } = job;
  const endedAt =
    status === "canceled" ? canceledAt : status === "completed" || status === "failed" ? job.completesAt : undefined;
  return {
    ...fields,
    status,
    ...(status === "failed"
      ? { failReason: outcome === "deleteInstance" ? instanceDeletedReason : (failReason ?? defaultFailReason) }
      : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(outcome === "deleteInstance" && status === "failed" ? { instanceDeleted: true } : {}),
  };
}

function snapshot(record: InstanceRecord, t: number): MockInstance {
  const latest = record.latestVersion ?? newestVersion(record.api, record.engine);
  return {
    api: record.api,
    id: record.id,
    name: record.name,
    status: record.status,
    version: record.version,
    ...(record.engine ? { engine: record.engine } : {}),
    maintenanceWindow: record.maintenanceWindow,
    tags: { ...record.tags },
    latestVersion: latest,
    patchAvailable: record.patchAvailable ?? compareVersions(record.version, latest) < 0,
    installedPatches: record.installedPatches.map((p) => ({ ...p })),
    ...(record.job ? { upgrade: jobSnapshot(record.job, t) } : {}),
  };
}

/** The first rule with uses left that matches this instance's next job; uses one of its uses. */
function takeRule(rules: JobRule[], seed: number | string, api: ApiName, instanceId: string): JobRule | undefined {
  const rule = rules.find(
    (r) =>
      r.times > 0 &&
      (r.api === undefined || r.api === api) &&
      (r.instanceId === undefined || r.instanceId === instanceId) &&
      (r.instanceIds === undefined || r.instanceIds.includes(instanceId)) &&
      (r.fraction === undefined || inFraction(seed, instanceId, r.fraction)),
  );
  if (rule) rule.times--;
  return rule;
}

/**
 * The fleet engine: its settings and state are private; every read first applies the transitions
 * that became due on the clock, so a reader never sees a job past its end still running.
 */
class MockFleet implements Fleet {
  readonly seed: number | string;
  readonly jobDurationMs: number;
  readonly upgradeDurationMs: number;
  readonly maintenanceDelayMs: number;
  readonly #settings: FleetSettings;
  #state: FleetState;

  constructor(options: FleetOptions) {
    this.#settings = settingsOf(options);
    this.seed = this.#settings.seed;
    this.jobDurationMs = this.#settings.jobDurationMs;
    this.upgradeDurationMs = this.#settings.jobDurationMs;
    this.maintenanceDelayMs = this.#settings.maintenanceDelayMs;
    this.#state = seededState(this.#settings, this.#settings.clock());
    // The methods are handed around on their own (`clock: fleet.now`): bind them once.
    for (const name of fleetMethods) (this as unknown as Record<string, unknown>)[name] = this[name].bind(this);
  }

  now(): number {
    return this.#settings.clock() + this.#state.offset;
  }

  /** The state with every due transition applied: what every read and write starts from. */
  #current(): FleetState {
    applyDue(this.#state, this.now());
    return this.#state;
  }

  #table(api: ApiName): Map<string, InstanceRecord> {
    return this.#state.byApi.get(api)!;
  }

  #recordOf(api: ApiName, id: string): InstanceRecord {
    const record = this.#state.byApi.get(api)?.get(id);
    if (!record) throw new Error(`no ${api} instance ${id} in the fleet`);
    return record;
  }

  instances(api: ApiName, filter: { status?: InstanceStatus; engine?: GeminiDbEngine } = {}): MockInstance[] {
    const table = this.#current().byApi.get(api)!;
    const t = this.now();
    return [...table.values()]
      .filter(
        (r) =>
          (filter.status ? r.status === filter.status : true) && (filter.engine ? r.engine === filter.engine : true),
      )
      .map((r) => snapshot(r, t));
  }

  get(api: ApiName, id: string): MockInstance | undefined {
    const record = this.#current().byApi.get(api)?.get(id);
    return record ? snapshot(record, this.now()) : undefined;
  }

  jobs(api?: ApiName): UpgradeJob[] {
    const { jobs } = this.#current();
    const t = this.now();
    return jobs.filter((j) => (api ? j.api === api : true)).map((j) => jobSnapshot(j, t));
  }

  job(api: ApiName, id: string): UpgradeJob | undefined {
    const job = this.#current().jobs.find((j) => j.api === api && j.id === id);
    return job ? jobSnapshot(job, this.now()) : undefined;
  }

  advance(ms?: number): void {
    if (ms === undefined) {
      this.settle();
      return;
    }
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError("advance(ms) needs a finite ms >= 0");
    this.#state.offset += ms;
    this.#current();
  }

  settle(): void {
    finishAll(this.#state.jobs, this.now());
    this.#current();
  }

  cancel(api: ApiName, jobId: string): boolean {
    const job = this.#current().jobs.find((j) => j.api === api && j.id === jobId);
    if (!job || statusOf(job, this.now()) !== "scheduled") return false;
    job.canceledAt = this.now();
    this.#current();
    return true;
  }

  setStatus(api: ApiName, id: string, status: Exclude<InstanceStatus, "upgrading">): void {
    this.#current();
    const record = this.#recordOf(api, id);
    if (record.status === "upgrading") throw new Error(`${api} instance ${id} is upgrading; call settle() first`);
    record.status = status;
  }

  add(api: ApiName, instance: NewInstance = {}): MockInstance {
    const { added } = this.#current();
    const table = this.#table(api);
    const { engineIds, engines } = serviceProfiles[api];
    if (!engineIds && instance.engine) throw new Error(`${api} instances have no engine`);
    // An id names its engine by its suffix (GeminiDB); an id without one takes the given engine (default the first).
    const named = instance.id !== undefined ? engineIds?.engineOf(instance.id) : undefined;
    if (named && instance.engine && named !== instance.engine) {
      throw new Error(`${api} instance ${instance.id} is a ${named} id (its suffix), not ${instance.engine}`);
    }
    const engine = engineIds ? (named ?? instance.engine ?? engines[0]) : undefined;
    const id = instance.id ?? uniqueId(table, api, added[api], engine);
    if (table.has(id)) throw new Error(`${api} instance ${id} already exists`);
    const record = newRecord(api, {
      id,
      name: instance.name ?? `${namePrefix(api)}-added-${table.size + 1}`,
      status: instance.status ?? "available",
      version: instance.version ?? versionsFor(api, engine)[0]!,
      ...(engine ? { engine } : {}),
      ...(instance.tags ? { tags: { ...instance.tags } } : {}),
    });
    table.set(id, record);
    return snapshot(record, this.now());
  }

  startUpgrade(api: ApiName, id: string, upgrade: StartUpgrade = {}): UpgradeJob {
    const state = this.#current();
    const record = this.#recordOf(api, id);
    if (record.status !== "available") throw new Error(`${api} instance ${id} is ${record.status}, not available`);
    const t = this.now();
    const startsAt = Math.max(t, upgrade.startsAt ?? t + (upgrade.startsAfterMs ?? 0));
    const targetVersion =
      upgrade.targetVersion ??
      upgrade.patches?.[upgrade.patches.length - 1] ??
      record.latestVersion ??
      latestVersion(api, record.engine);
    const rule = takeRule(state.rules, this.seed, api, id);
    const kind = upgrade.kind ?? (startsAt > t ? "scheduled" : "immediate");
    const duration = rule?.outcome === "deleteInstance" ? Math.round(this.jobDurationMs / 2) : this.jobDurationMs;
    const job: JobRecord = {
      api,
      id: state.jobIds.next(api, id),
      instanceId: id,
      instanceName: record.name,
      fromVersion: record.version,
      targetVersion,
      patches: upgrade.patches ?? [targetVersion],
      kind,
      submittedAt: t,
      startsAt,
      completesAt: startsAt + duration,
      // The documented delay is the task centre's ("a job id is queryable a few seconds after
      // creation"); TaurusDB's scheduled tasks are listed from their creation.
      visibleAt: t + (kind === "scheduled" && serviceProfiles[api].scheduledVisibleAtOnce ? 0 : state.delays[api]),
      outcome: rule?.outcome ?? "complete",
      ...(rule?.failReason ? { failReason: rule.failReason } : {}),
    };
    record.status = "upgrading";
    record.job = job;
    state.jobs.push(job);
    return jobSnapshot(job, t);
  }

  addJobRule(rule: JobRule): void {
    if (!Number.isInteger(rule.times) || rule.times < 1) throw new RangeError("times must be a positive integer");
    this.#state.rules.push({ ...rule });
  }

  visibilityDelay(api: ApiName): number {
    return this.#state.delays[api];
  }

  setVisibilityDelay(api: ApiName | undefined, ms: number): void {
    checkDelay("visibilityDelayMs", ms);
    for (const name of api ? [api] : apiNames) this.#state.delays[name] = ms;
  }

  reset(): void {
    // Rebuilt at the clock's time: the added offset is dropped with the rest.
    this.#state = seededState(this.#settings, this.#settings.clock());
  }
}

const fleetMethods = [
  "now",
  "instances",
  "get",
  "jobs",
  "job",
  "advance",
  "settle",
  "cancel",
  "setStatus",
  "add",
  "startUpgrade",
  "addJobRule",
  "visibilityDelay",
  "setVisibilityDelay",
  "reset",
] as const satisfies readonly (keyof Fleet)[];

export function createFleet(options: FleetOptions = {}): Fleet {
  return new MockFleet(options);
}
