// What every service's plan shares: select, judge, group and chunk, number the requests.
import type { ApiName } from "@dbupgrade/meta";
import { NOT_EXPOSED, type PlanReason, type PlanRow, type UpgradePlan, type PlanBatch } from "./plan-types.js";
import { selectorMatcher, type InstanceSelector, type SelectableInstance } from "./selector.js";

/** A listed instance in the form the rules read. */
export interface ListedInstance extends SelectableInstance {
  actions: readonly string[];
  /** The list's maintenance window, NOT_IN_LIST where the list has none, null when the row lacks it. */
  maintenanceWindow?: string | null;
}

export interface Verdict {
  eligible: boolean;
  reason: PlanReason | null;
  detail: string | null;
  from: string;
  to: string;
  group: string;
  etaMinutes?: number | null;
  /** The versions offered, where the API lists them (openGauss). */
  candidates?: string[];
}

const READY_STATUSES = new Set(["normal", "active", "available"]);

/** The checks every service makes first: a ready status and no action in progress. */
export function readiness(instance: ListedInstance): Pick<Verdict, "reason" | "detail"> | undefined {
  if (instance.status === null || !READY_STATUSES.has(instance.status.toLowerCase())) {
    return {
      reason: "status",
      detail: `status is ${instance.status ?? "not shown"}; only normal/ACTIVE instances can be upgraded`,
    };
  }
  if (instance.actions.length > 0)
    return { reason: "action-in-progress", detail: `action in progress: ${instance.actions.join(", ")}` };
  return undefined;
}

export function ineligible(reason: PlanReason, detail: string, from = NOT_EXPOSED, to = NOT_EXPOSED): Verdict {
  return { eligible: false, reason, detail, from, to, group: "" };
}

export function selectInstances(
  listed: readonly ListedInstance[],
  selector: InstanceSelector,
): { selected: ListedInstance[]; missing: string[] } {
  const matches = selectorMatcher(selector);
  const selected = listed.filter(matches);
  const found = new Set(listed.map((i) => i.id));
  const missing = (selector.ids ?? []).filter((id) => !found.has(id));
  return { selected, missing: [...new Set(missing)] };
}

export interface AssembleInput<Input> {
  api: ApiName;
  selector: InstanceSelector;
  createdAt: string;
  listed: number;
  selected: readonly ListedInstance[];
  verdicts: ReadonlyMap<string, Verdict>;
  missing: readonly string[];
  chunkSize: number;
  toInput: (instance: ListedInstance, verdict: Verdict) => Input;
  requests: number;
  notes: string[];
  /**
   * "split" (default): one batch per group, requests never mix groups. "single": only the largest group
   * is eligible; the others get `mixedReason` (for callers that want one uniform submission).
   */
  grouping: "split" | "single";
  mixedReason: PlanReason;
}

export function assemblePlan<Input>(input: AssembleInput<Input>): UpgradePlan<Input> {
  const rows: PlanRow[] = [];
  const groups = new Map<string, { instance: ListedInstance; verdict: Verdict; row: PlanRow }[]>();
  for (const instance of input.selected) {
    const verdict =
      input.verdicts.get(instance.id) ?? ineligible("lookup-failed", "no verdict was reached for this instance");
    const row: PlanRow = {
      instanceId: instance.id,
      name: instance.name,
      engine: instance.engine,
      status: instance.status,
      eligible: verdict.eligible,
      reason: verdict.eligible ? null : verdict.reason,
      detail: verdict.detail,
      from: verdict.from,
      to: verdict.to,
      request: null,
      group: verdict.eligible ? verdict.group : null,
      etaMinutes: verdict.etaMinutes ?? null,
      maintenanceWindow: instance.maintenanceWindow ?? null,
      candidates: verdict.candidates ?? null,
      tags: instance.tags ? { ...instance.tags } : null,
    };
    rows.push(row);
    if (verdict.eligible) {
      const members = groups.get(verdict.group) ?? [];
      members.push({ instance, verdict, row });
      groups.set(verdict.group, members);
    }
  }
  if (input.grouping === "single" && groups.size > 1) {
    const [kept] = [...groups].reduce((best, g) => (g[1].length > best[1].length ? g : best));
    for (const [group, members] of [...groups]) {
      if (group === kept) continue;
      for (const { row } of members) {
        Object.assign(row, {
          eligible: false,
          reason: input.mixedReason,
          group: null,
          detail: `${row.detail ? `${row.detail}; ` : ""}group ${group} differs from ${kept}, the largest group, and requests must not mix them`,
        });
      }
      groups.delete(group);
    }
  }
  for (const id of input.missing) {
    rows.push({
      instanceId: id,
      name: null,
      engine: null,
      status: null,
      eligible: false,
      reason: "not-found",
      detail: "not in the instance list",
      from: NOT_EXPOSED,
      to: NOT_EXPOSED,
      request: null,
      group: null,
      etaMinutes: null,
      maintenanceWindow: null,
      candidates: null,
      tags: null,
    });
  }
  const batches: PlanBatch<Input>[] = [];
  const chunks: string[][] = [];
  for (const [group, members] of groups) {
    batches.push({ group, inputs: members.map((m) => input.toInput(m.instance, m.verdict)) });
    for (let start = 0; start < members.length; start += input.chunkSize) {
      const chunk = members.slice(start, start + input.chunkSize);
      chunks.push(chunk.map((m) => m.instance.id));
      for (const m of chunk) m.row.request = chunks.length;
    }
  }
  if (groups.size > 1)
    input.notes.push(
      `eligible instances form ${groups.size} groups (${[...groups.keys()].join(", ")}); a request never mixes groups`,
    );
  const eligible = rows.filter((r) => r.eligible).length;
  return {
    kind: "dbupgrade.plan",
    version: 1,
    api: input.api,
    createdAt: input.createdAt,
    selector: input.selector,
    rows,
    batches,
    chunks,
    chunkSize: input.chunkSize,
    counts: { listed: input.listed, selected: rows.length, eligible, ineligible: rows.length - eligible },
    requests: input.requests,
    notes: input.notes,
  };
}
