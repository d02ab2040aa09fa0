// Dry runs (reference §6): list every instance page, apply the selector, judge each selected instance,
// and group + chunk the eligible ones exactly as the batch helpers will send them. Reads only.
import type { DdsClient } from "../clients/dds-client.js";
import type { GaussDbClient } from "../clients/gaussdb-client.js";
import type { GeminiDbClient } from "../clients/geminidb-client.js";
import type { TaurusDbClient } from "../clients/taurusdb-client.js";
import type { TaurusDbInstance } from "../batch/taurusdb-batches.js";
import { DEFAULT_CHUNK_SIZE } from "../batch/run-batches.js";
import { ddsMeta, gaussdbMeta, geminidbMeta, taurusdbMeta, type ApiName } from "@dbupgrade/meta";
import { redactorOf } from "../service-client.js";
import { describeError } from "./follow-run.js";
import type { Send } from "./follow-engine.js";
import { bareGaussDbVersion } from "./gaussdb-version.js";
import { readPages, text } from "./job-status.js";
import {
  assemblePlan,
  ineligible,
  readiness,
  selectInstances,
  type ListedInstance,
  type Verdict,
} from "./plan-core.js";
import { NOT_EXPOSED, type UpgradePlan } from "./plan-types.js";
import { normalizeSelector, type InstanceSelector } from "./selector.js";

export interface PlanOptions {
  selector?: InstanceSelector;
  /** Instances per request; default the batch helper's (the spec's maxItems, else DEFAULT_CHUNK_SIZE). */
  chunkSize?: number;
  /** Per-instance lookups in flight at once. Default 4. */
  concurrency?: number;
  /** "split" (default): one batch per engine / source version / target. "single": only the largest group is eligible. */
  grouping?: "split" | "single";
  signal?: AbortSignal;
}

type Row = Record<string, unknown>;
const rowsOf = (value: unknown): Row[] =>
  Array.isArray(value) ? value.filter((r): r is Row => r !== null && typeof r === "object") : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

interface PlanContext {
  api: ApiName;
  selector: InstanceSelector;
  chunkSize: number;
  concurrency: number;
  grouping: "split" | "single";
  send: Send;
  requests: () => number;
  notes: string[];
  describe: (error: unknown) => string;
  createdAt: string;
}

function context(api: ApiName, client: object, options: PlanOptions, maxItems: number | null): PlanContext {
  const chunkSize = options.chunkSize ?? maxItems ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || (maxItems !== null && chunkSize > maxItems)) {
    throw new RangeError(`${api}: chunkSize must be an integer from 1 to ${maxItems ?? "any"}`);
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`${api}: concurrency must be an integer >= 1`);
  let requests = 0;
  const { signal } = options;
  return {
    api,
    selector: normalizeSelector(options.selector),
    chunkSize,
    concurrency,
    grouping: options.grouping ?? "split",
    send: async (call) => {
      signal?.throwIfAborted();
      requests++;
      return call(signal);
    },
    requests: () => requests,
    notes: [],
    describe: describeError(redactorOf(client)),
    createdAt: new Date().toISOString(),
  };
}

/** Every page of an instance list. A failed page fails the plan: a partial list would hide instances. */
async function listAll(
  ctx: PlanContext,
  page: (offset: number, signal: AbortSignal | undefined) => Promise<{ instances?: unknown; total_count?: unknown }>,
): Promise<Row[]> {
  const rows: Row[] = [];
  const result = await readPages<Row>(
    ctx.send,
    100,
    async (offset, signal) => {
      const data = await page(offset, signal);
      return { rows: data.instances, total: data.total_count };
    },
    (row) => rows.push(row),
  );
  if (!result.complete) throw result.error;
  return rows;
}

/** Runs `work` for each item, `concurrency` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function listed(row: Row, engine: unknown): ListedInstance {
  return {
    id: text(row.id) ?? "",
    name: text(row.name) ?? null,
    engine: text(engine) ?? null,
    status: text(row.status) ?? null,
    actions: strings(row.actions),
  };
}

function finish<Input>(
  ctx: PlanContext,
  all: ListedInstance[],
  verdicts: Map<string, Verdict>,
  toInput: (i: ListedInstance, v: Verdict) => Input,
  mixedReason: "mixed-engines" | "different-source-version" | "target-not-offered",
): UpgradePlan<Input> {
  const { selected, missing } = selectInstances(all, ctx.selector);
  return assemblePlan({
    api: ctx.api,
    selector: ctx.selector,
    createdAt: ctx.createdAt,
    listed: all.length,
    selected,
    verdicts,
    missing,
    chunkSize: ctx.chunkSize,
    toInput,
    requests: ctx.requests(),
    notes: ctx.notes,
    grouping: ctx.grouping,
    mixedReason,
  });
}

/** GeminiDB and DDS list the same way: `patch_available` decides, the target patch is not exposed. */
function patchVerdict(instance: ListedInstance, datastore: Row): Verdict {
  const from = text(datastore.whole_version) || text(datastore.version) || NOT_EXPOSED;
  const notReady = readiness(instance);
  if (notReady !== undefined) return { ...ineligible(notReady.reason!, notReady.detail!, from), etaMinutes: null };
  if (datastore.patch_available !== true) {
    const detail =
      datastore.patch_available === false
        ? "patch_available is false: no newer patch for this version"
        : "the API did not say whether a patch is available";
    return ineligible("no-patch", detail, from);
  }
  return { eligible: true, reason: null, detail: null, from, to: NOT_EXPOSED, group: instance.engine ?? "unknown" };
}

const datastoreOf = (row: Row): Row =>
  row.datastore !== null && typeof row.datastore === "object" ? (row.datastore as Row) : {};

/** GeminiDB dry run: eligible when normal, idle and `patch_available`; requests grouped by engine. */
export async function planGeminiDbUpgrades(
  client: Pick<GeminiDbClient, "listInstancesOrThrow">,
  options: PlanOptions = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("geminidb", client, options, geminidbMeta.operations.batchUpgradeDatabaseVersion.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listInstancesOrThrow({ query: { offset, limit: 100 } }, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const verdicts = new Map(all.map((instance, n) => [instance.id, patchVerdict(instance, datastoreOf(rows[n]!))]));
  return finish(ctx, all, verdicts, (i) => i.id, "mixed-engines");
}

/** DDS dry run: as GeminiDB, plus the ETA of each eligible instance (`ShowUpgradeDuration`, fastest-completion strategy). */
export async function planDdsUpgrades(
  client: Pick<DdsClient, "listInstancesOrThrow" | "showUpgradeDurationOrThrow">,
  options: PlanOptions & { eta?: boolean } = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("dds", client, options, ddsMeta.operations.batchUpgradeDatabaseVersion.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listInstancesOrThrow({ query: { offset, limit: 100 } }, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const verdicts = new Map(all.map((instance, n) => [instance.id, patchVerdict(instance, datastoreOf(rows[n]!))]));
  if (options.eta !== false) {
    const { selected } = selectInstances(all, ctx.selector);
    const failures: string[] = [];
    await eachLimited(
      selected.filter((i) => verdicts.get(i.id)!.eligible),
      ctx.concurrency,
      async (instance) => {
        try {
          const data = await ctx.send((signal) =>
            client.showUpgradeDurationOrThrow({ path: { instance_id: instance.id } }, { signal }),
          );
          const fastest = rowsOf(data.strategies).find((s) => s.strategy === "minimized_upgrade_time");
          const minutes = fastest?.estimated_upgrade_duration;
          if (typeof minutes === "number" && Number.isFinite(minutes) && minutes >= 0)
            verdicts.get(instance.id)!.etaMinutes = minutes;
        } catch (error) {
          if (options.signal?.aborted) throw error;
          failures.push(`${instance.id}: ${ctx.describe(error)}`);
        }
      },
    );
    if (failures.length > 0)
      ctx.notes.push(
        `no ETA for ${failures.length} instance(s): ${failures.slice(0, 3).join("; ")}${failures.length > 3 ? "; ..." : ""}`,
      );
  }
  return finish(ctx, all, verdicts, (i) => i.id, "mixed-engines");
}

/**
 * TaurusDB dry run: the /v3.1 list (unified statuses: only `normal` is ready), then `ShowInstanceDatabaseVersion`
 * per ready instance gives from -> to and `upgrade_flag`; grouped by source version.
 */
export async function planTaurusDbUpgrades(
  client: Pick<
    TaurusDbClient,
    "listGaussMySqlInstancesUnifyStatusOrThrow" | "listImmediateJobsOrThrow" | "showInstanceDatabaseVersionOrThrow"
  >,
  options: PlanOptions = {},
): Promise<UpgradePlan<TaurusDbInstance>> {
  const ctx = context("taurusdb", client, options, taurusdbMeta.operations.batchUpgradeDatabases.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listGaussMySqlInstancesUnifyStatusOrThrow({ query: { offset, limit: 100 } } as never, { signal }),
  );
  const running = await taurusDbRunningJobs(ctx, client);
  const all = rows.map((row) => {
    const instance = listed(row, datastoreOf(row).type);
    const jobs = running.get(instance.id);
    return jobs === undefined ? instance : { ...instance, actions: [...instance.actions, ...jobs] };
  });
  const verdicts = new Map<string, Verdict>();
  const { selected } = selectInstances(all, ctx.selector);
  const ready: ListedInstance[] = [];
  for (const instance of selected) {
    const notReady = readiness(instance);
    if (notReady !== undefined)
      verdicts.set(
        instance.id,
        ineligible(
          notReady.reason!,
          notReady.detail!,
          text(datastoreOf(rows[all.indexOf(instance)]!).kernel_version) || NOT_EXPOSED,
        ),
      );
    else ready.push(instance);
  }
  await eachLimited(ready, ctx.concurrency, async (instance) => {
    try {
      const data = (await ctx.send((signal) =>
        client.showInstanceDatabaseVersionOrThrow({ path: { instance_id: instance.id } }, { signal }),
      )) as Row;
      const ds = datastoreOf(data);
      const from = text(ds.current_kernel_version) || NOT_EXPOSED;
      const to = text(ds.latest_kernel_version) || NOT_EXPOSED;
      if (data.upgrade_flag === true && from !== NOT_EXPOSED)
        verdicts.set(instance.id, { eligible: true, reason: null, detail: null, from, to, group: from });
      else if (from !== NOT_EXPOSED && from === to)
        verdicts.set(instance.id, ineligible("already-latest", `kernel ${from} is the latest`, from, to));
      else
        verdicts.set(
          instance.id,
          ineligible(
            "no-patch",
            data.upgrade_flag === true ? "the API gave no current kernel version" : "upgrade_flag is false",
            from,
            to,
          ),
        );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      verdicts.set(
        instance.id,
        ineligible("lookup-failed", `ShowInstanceDatabaseVersion failed: ${ctx.describe(error)}`),
      );
    }
  });
  return finish(
    ctx,
    all,
    verdicts,
    (i, v) => ({ instanceId: i.id, currentVersion: v.from }),
    "different-source-version",
  );
}

/**
 * The /v3.1 list's unified statuses report health (`normal`), not tasks, so the instances with a job
 * in progress come from the task centre (`ListImmediateJobs`, status Running): job names per instance.
 * If the list fails, the plan says so in a note and the batch's own checks remain.
 */
async function taurusDbRunningJobs(
  ctx: PlanContext,
  client: Pick<TaurusDbClient, "listImmediateJobsOrThrow">,
): Promise<Map<string, string[]>> {
  const running = new Map<string, string[]>();
  const jobs = await readPages<Row>(
    ctx.send,
    50,
    async (offset, signal) => {
      const data = await client.listImmediateJobsOrThrow(
        { query: { status: "Running", offset: String(offset), limit: "50" } } as never,
        { signal },
      );
      return { rows: data.jobs, total: data.total_count };
    },
    (job) => {
      const id = text(job.instance_id);
      if (id !== undefined && String(job.status).toLowerCase() === "running")
        running.set(id, [...(running.get(id) ?? []), text(job.job_name) ?? "a job"]);
    },
  );
  if (!jobs.complete)
    ctx.notes.push(`running jobs could not be listed (${ctx.describe(jobs.error)}); instances with one are not marked`);
  return running;
}

export interface GaussDbPlanOptions extends PlanOptions {
  /** The hot patch to install; default the highest one each instance is offered. */
  targetVersion?: string;
}

/** Compares dotted versions numerically (3.208.0.10 > 3.208.0.9). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/),
    pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "",
      y = pb[i] ?? "";
    const nx = Number(x),
      ny = Number(y);
    const d = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * openGauss dry run: hot patches offered per instance (`BatchShowUpgradeCandidateVersions`, /v3.1, hotfix
 * type enabled with upgradeAutoCommit), installed ones (`hotfix_version_infos` of the /v3.3 list), and tasks
 * already pending (`ListScheduleTask`). Versions are compared and reported without their `V2.0-` prefix.
 * Grouped by target version (one per request).
 */
export async function planGaussDbHotfixes(
  client: Pick<
    GaussDbClient,
    "listDatabaseInstancesOrThrow" | "batchShowUpgradeCandidateVersionsOrThrow" | "listScheduleTaskOrThrow"
  >,
  options: GaussDbPlanOptions = {},
): Promise<UpgradePlan<string>> {
  const ctx = context("gaussdb", client, options, gaussdbMeta.operations.createScheduleTask.batch.maxItems);
  const rows = await listAll(ctx, (offset, signal) =>
    client.listDatabaseInstancesOrThrow({ query: { offset, limit: 100 } } as never, { signal }),
  );
  const all = rows.map((row) => listed(row, datastoreOf(row).type));
  const { selected } = selectInstances(all, ctx.selector);
  const pending = new Map<string, string>();
  const tasks = await readPages<Row>(
    ctx.send,
    100,
    async (offset, signal) => {
      const data = await client.listScheduleTaskOrThrow(
        { query: { name: "HOTFIX_VERSION_UPGRADE", status: "Pending", offset, limit: 100 } } as never,
        { signal },
      );
      return { rows: data.tasks, total: data.total_count };
    },
    (task) => {
      if (typeof task.instance_id === "string" && String(task.status).toLowerCase() === "pending")
        pending.set(task.instance_id, `${text(task.task_id) ?? "?"} at ${text(task.start_time) ?? "?"}`);
    },
  );
  if (!tasks.complete)
    ctx.notes.push(
      `pending tasks could not be listed (${ctx.describe(tasks.error)}); instances with one are not marked`,
    );
  const verdicts = new Map<string, Verdict>();
  const ready: { instance: ListedInstance; from: string; installed: string[] }[] = [];
  for (const instance of selected) {
    const ds = datastoreOf(rows[all.indexOf(instance)]!);
    const installed = rowsOf(ds.hotfix_version_infos)
      .map((h) => text(h.version))
      .filter((v): v is string => v !== undefined)
      .map(bareGaussDbVersion);
    const base = bareGaussDbVersion(text(ds.complete_version) || text(ds.version) || NOT_EXPOSED);
    const from = installed.length > 0 ? `${base} + hotfix ${installed.join(", ")}` : base;
    const notReady = readiness(instance);
    if (notReady !== undefined) verdicts.set(instance.id, ineligible(notReady.reason!, notReady.detail!, from));
    else if (pending.has(instance.id))
      verdicts.set(
        instance.id,
        ineligible("task-pending", `a hot-patch task is already pending: ${pending.get(instance.id)}`, from),
      );
    else ready.push({ instance, from, installed });
  }
  await eachLimited(ready, ctx.concurrency, async ({ instance, from, installed }) => {
    try {
      const data = (await ctx.send((signal) =>
        client.batchShowUpgradeCandidateVersionsOrThrow({ instance_ids: [instance.id] }, { signal }),
      )) as Row;
      const hotfix = rowsOf(data.upgrade_type_list).find((t) => t.upgrade_type === "hotfix");
      const autoCommit = rowsOf(hotfix?.upgrade_action_list).some(
        (a) => a.upgrade_action === "upgradeAutoCommit" && a.enable === true,
      );
      const offered = rowsOf(data.hotfix_upgrade_infos)
        .map((h) => text(h.version))
        .filter((v): v is string => v !== undefined)
        .map(bareGaussDbVersion)
        .sort(compareVersions);
      const wanted = options.targetVersion === undefined ? undefined : bareGaussDbVersion(options.targetVersion);
      const target = wanted ?? offered.at(-1);
      if (wanted !== undefined && installed.includes(wanted))
        verdicts.set(instance.id, ineligible("already-latest", `hot patch ${wanted} is installed`, from, wanted));
      else if (hotfix?.enable !== true || !autoCommit || offered.length === 0 || target === undefined)
        verdicts.set(
          instance.id,
          ineligible(
            "no-patch",
            "no hot patch is offered (hotfix type with upgradeAutoCommit not enabled, or no candidate)",
            from,
          ),
        );
      else if (!offered.includes(target))
        verdicts.set(
          instance.id,
          ineligible(
            "target-not-offered",
            `${target} is not among the offered hot patches (${offered.join(", ")})`,
            from,
            target,
          ),
        );
      else verdicts.set(instance.id, { eligible: true, reason: null, detail: null, from, to: target, group: target });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      verdicts.set(
        instance.id,
        ineligible("lookup-failed", `BatchShowUpgradeCandidateVersions failed: ${ctx.describe(error)}`, from),
      );
    }
  });
  return finish(ctx, all, verdicts, (i) => i.id, "target-not-offered");
}
