// What every poller shares: matching the rows of a job API to the followed instances, the way the spec
// declares (`x-dbupgrade-follow` match: by job id, or by instance and creation time), and one listing pass.
// The per-service pollers (services/<api>/follow.ts) say only which operation to call with which query.
import type { FollowedInstance } from "./follow-types.js";
import type { ListingResult, Observation, Send } from "./follow-engine.js";
import { type FollowDeclaration, observeRow, rowKeys, rowsOf } from "./follow-spec.js";
import { readPages } from "./job-status.js";
import { listingStart, SKEW_MS } from "./follow-policy.js";
import { formatStartTime } from "../batch/start-time.js";

type Row = Record<string, unknown>;

/** The earliest submission of the instances (epoch ms). */
export const earliest = (instances: readonly FollowedInstance[]): number =>
  Math.min(...instances.map((i) => Date.parse(i.submittedAt)));

/** A listing pass's `start_time` query: from a skew margin before the earliest submission, or `since`. */
export const listingFrom = (instances: readonly FollowedInstance[], since?: number): string =>
  formatStartTime(new Date(listingStart(earliest(instances), since)));

/**
 * Each instance's row among `rows`: by job id, or (instance-and-time) the row with the instance's known job
 * id, else its newest row created no earlier than a minute before its submission.
 */
export function matchRows(
  declaration: FollowDeclaration,
  instances: readonly FollowedInstance[],
  rows: readonly Row[],
): Map<string, Observation> {
  const seen = new Map<string, Observation>();
  if (declaration.match.by === "job-id") {
    const byJob = new Map(instances.filter((i) => i.jobId !== null).map((i) => [i.jobId, i.instanceId]));
    for (const row of rows) {
      const instanceId = byJob.get(rowKeys(declaration, row).jobId ?? "");
      if (instanceId !== undefined) seen.set(instanceId, observeRow(declaration, row));
    }
    return seen;
  }
  const wanted = new Map(instances.map((i) => [i.instanceId, i]));
  const best = new Map<string, { row: Row; at: number; sameJob: boolean }>();
  for (const row of rows) {
    const { instanceId, jobId, createdAt } = rowKeys(declaration, row);
    const instance = instanceId === undefined ? undefined : wanted.get(instanceId);
    if (instance === undefined) continue;
    const sameJob = instance.jobId !== null && jobId === instance.jobId;
    if (!sameJob && !(createdAt >= Date.parse(instance.submittedAt) - SKEW_MS)) continue;
    const current = best.get(instance.instanceId);
    if (
      current === undefined ||
      (sameJob && !current.sameJob) ||
      (sameJob === current.sameJob && createdAt > current.at)
    )
      best.set(instance.instanceId, { row, at: createdAt, sameJob });
  }
  for (const [instanceId, { row }] of best) seen.set(instanceId, observeRow(declaration, row));
  return seen;
}

/** One listing pass (or its first `maxPages` pages): every row read, matched to the instances. */
export async function listingPass(
  declaration: FollowDeclaration,
  instances: readonly FollowedInstance[],
  send: Send,
  pageSize: number,
  page: (offset: number, signal: AbortSignal | undefined) => Promise<{ body: unknown; total: unknown }>,
  maxPages?: number,
): Promise<ListingResult> {
  const rows: Row[] = [];
  const result = await readPages<Row>(
    send,
    pageSize,
    async (offset, signal) => {
      const { body, total } = await page(offset, signal);
      return { rows: rowsOf(declaration, body), total };
    },
    (row) => rows.push(row),
    0,
    maxPages,
  );
  return { ...result, seen: matchRows(declaration, instances, rows) };
}
