// Reading the job APIs' loose fields: status words, time strings with `+0800` offsets, paging.
import { DbUpgradeApiError } from "../errors.js";
import { formatStartTime } from "../batch/start-time.js";
import type { ListingResult, Send } from "./follow-engine.js";

/** The API's times: `2024-11-16T01:47:20+0800`, ISO with `Z`, or epoch ms. NaN when unreadable. */
export function parseApiTime(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return Number.NaN;
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
}

/** Query time one minute before `ms` (clock skew), in the APIs' `yyyy-mm-ddThh:mm:ss+0000` form. */
export function searchFrom(ms: number): string {
  return formatStartTime(new Date(ms - 60_000));
}

export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A 404 from a job API means "no such job (yet)", not a failure. */
export function isNotFound(error: unknown): boolean {
  return error instanceof DbUpgradeApiError && error.status === 404;
}

// A hostile or broken server must not keep a pass going forever.
const MAX_PAGES = 2_000;

/**
 * Reads pages in order until the total is reached (or a short page when there is no total), handing
 * each page's rows to `take`. A failed page ends the pass with what was read so far. With `maxPages`, stops
 * after that many (`complete` false when more remained).
 */
export async function readPages<Row>(
  send: Send,
  pageSize: number,
  page: (offset: number, signal: AbortSignal | undefined) => Promise<{ rows: unknown; total: unknown }>,
  take: (row: Row) => void,
  firstOffset = 0,
  maxPages = MAX_PAGES,
): Promise<Omit<ListingResult, "seen">> {
  let pages = 0;
  let read = 0;
  try {
    for (let offset = firstOffset; pages < Math.min(maxPages, MAX_PAGES); ) {
      const { rows, total } = await send((signal) => page(offset, signal));
      pages++;
      const list = Array.isArray(rows) ? (rows as Row[]) : [];
      for (const row of list) if (row !== null && typeof row === "object") take(row);
      read += list.length;
      const known = typeof total === "number" && Number.isFinite(total) ? total : undefined;
      if (list.length === 0 || (known !== undefined ? read >= known : list.length < pageSize))
        return { complete: true, pages };
      offset = firstOffset === 0 ? offset + list.length : offset + 1;
    }
    if (pages < MAX_PAGES) return { complete: false, pages };
    return { complete: false, pages, error: new Error(`stopped after ${MAX_PAGES} pages`) };
  } catch (error) {
    return { complete: false, pages: pages + 1, error };
  }
}
