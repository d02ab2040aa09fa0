// Instance tags in a plan: read from the list rows that carry them (`tags: [{key, value}]`: DDS, openGauss /v3.3,
// TaurusDB /v3.1; GeminiDB's list has none), and sent as the lists' `tags` query (`k=v,k2=v2`, all must match).
// The planner filters on both sides: the server narrows the list, and the returned tags are checked again, so
// a plan stays truthful even if a server ignored the query.
import type { ApiName } from "@dbupgrade/meta";

/** Tags wanted or carried, key -> value. */
export type Tags = Readonly<Record<string, string>>;

/**
 * The services whose instance list filters by tags (its `tags` query) and returns them. A service not
 * listed cannot select by tag: the safe default, so a new service needs no entry until its list can.
 */
export const TAGGED_LISTS: Readonly<Partial<Record<ApiName, boolean>>> = {
  geminidb: false,
  dds: true,
  gaussdb: true,
  taurusdb: true,
};

/** What a service's docs offer instead, where they do. */
const TAGS_ELSEWHERE: Readonly<Partial<Record<ApiName, string>>> = {
  geminidb: " (only the separate ListInstancesByTags does)",
};

/** Why a service cannot select by tag (undefined when it can). */
export function tagsUnsupported(api: ApiName): string | undefined {
  return TAGGED_LISTS[api] === true
    ? undefined
    : `${api}: its instance list (ListInstances) neither filters by tags nor returns them${TAGS_ELSEWHERE[api] ?? ""}, so tags cannot select instances`;
}

// The lists' query joins pairs with "," and splits key from value at "="; openGauss also forbids +/?#&%.
const FORBIDDEN = /[+/?#&=,%]/;

/** Checks wanted tags (a CLI flag, a plan file) and returns a plain copy. */
export function normalizeTags(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError("selector.tags must be an object of key -> value");
  const out: Record<string, string> = {};
  for (const [key, wanted] of Object.entries(value)) {
    if (typeof wanted !== "string") throw new TypeError(`selector.tags.${key} must be a string`);
    if (key.trim() === "" || key !== key.trim())
      throw new TypeError("a tag key must be non-empty, without spaces around it");
    if (FORBIDDEN.test(key) || FORBIDDEN.test(wanted))
      throw new TypeError(`tag ${key}=${wanted}: keys and values must not contain any of + / ? # & = , %`);
    out[key] = wanted;
  }
  if (Object.keys(out).length === 0) throw new TypeError("selector.tags lists no tag");
  return out;
}

/** The lists' `tags` query for the wanted tags: `k=v` pairs joined by commas. */
export function tagQuery(tags: Tags | undefined): { tags: string } | Record<string, never> {
  if (tags === undefined) return {};
  return {
    tags: Object.entries(tags)
      .map(([key, value]) => `${key}=${value}`)
      .join(","),
  };
}

/** A list row's tags, or null when the row has no `tags` array. */
export function tagsOfRow(row: Record<string, unknown>): Record<string, string> | null {
  if (!Array.isArray(row.tags)) return null;
  const out: Record<string, string> = {};
  for (const tag of row.tags as unknown[]) {
    if (tag === null || typeof tag !== "object") continue;
    const { key, value } = tag as { key?: unknown; value?: unknown };
    if (typeof key === "string") out[key] = typeof value === "string" ? value : "";
  }
  return out;
}

/** True when every wanted pair is carried (AND); an empty wanted value matches any value of its key. */
export function hasAllTags(carried: Tags | null | undefined, wanted: Tags): boolean {
  if (carried === null || carried === undefined) return false;
  return Object.entries(wanted).every(
    ([key, value]) => Object.hasOwn(carried, key) && (value === "" || carried[key] === value),
  );
}
