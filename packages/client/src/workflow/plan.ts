// The steps every dry run shares (reference §6): list every instance page, apply the selector, judge each
// selected instance, and group + chunk the eligible ones exactly as the batch helpers will send them.
// Reads only. Each service's planner (services/<api>/plan.ts) is made of these steps.
import { DEFAULT_CHUNK_SIZE } from "../batch/run-batches.js";
import type { ApiName } from "@dbupgrade/meta";
import { redactorOf } from "../service-client.js";
import { describeError } from "./follow-run.js";
import type { Send } from "./follow-engine.js";
import { readPages, text } from "./job-status.js";

export { readPages, text };
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
import { tagQuery, tagsOfRow, tagsUnsupported } from "./tags.js";

export { tagQuery };

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

export type Row = Record<string, unknown>;
export const rowsOf = (value: unknown): Row[] =>
  Array.isArray(value) ? value.filter((r): r is Row => r !== null && typeof r === "object") : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export interface PlanContext {
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

export function context(api: ApiName, client: object, options: PlanOptions, maxItems: number | null): PlanContext {
  const chunkSize = options.chunkSize ?? maxItems ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || (maxItems !== null && chunkSize > maxItems)) {
    throw new RangeError(`${api}: chunkSize must be an integer from 1 to ${maxItems ?? "any"}`);
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`${api}: concurrency must be an integer >= 1`);
  let requests = 0;
  const { signal } = options;
  const selector = normalizeSelector(options.selector);
  const noTags = selector.tags === undefined ? undefined : tagsUnsupported(api);
  if (noTags !== undefined) throw new TypeError(noTags);
  return {
    api,
    selector,
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
export async function listAll(
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
export async function eachLimited<T>(
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

/** A list row as the rules read it; `window` overrides the row's maintenance window (NOT_IN_LIST for TaurusDB). */
export function listed(row: Row, engine: unknown, window?: string): ListedInstance {
  return {
    id: text(row.id) ?? "",
    name: text(row.name) ?? null,
    engine: text(engine) ?? null,
    status: text(row.status) ?? null,
    actions: strings(row.actions),
    tags: tagsOfRow(row),
    maintenanceWindow: window ?? text(row.maintenance_window) ?? null,
  };
}

export function finish<Input>(
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

/** For APIs whose list says `patch_available` (GeminiDB, DDS): it decides, and the target patch is not exposed. */
export function patchVerdict(instance: ListedInstance, datastore: Row): Verdict {
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

export const datastoreOf = (row: Row): Row =>
  row.datastore !== null && typeof row.datastore === "object" ? (row.datastore as Row) : {};
