// Which instances a plan looks at: ids, a name glob, engines, statuses and tags, all ANDed. Plain data, so a
// CLI can store it in a plan file and a plan records exactly what was asked.

import { hasAllTags, normalizeTags, type Tags } from "./tags.js";

export interface InstanceSelector {
  /** Exact instance ids. */
  ids?: readonly string[];
  /** A glob on the instance name: `*` any run of characters, `?` one character (e.g. `prod-*`). */
  name?: string;
  /** Engines / datastore types, compared case-insensitively (GeminiDB: cassandra, mongodb, influxdb, redis, ...). */
  engine?: string | readonly string[];
  /** The API's own instance status strings, compared case-insensitively (normal, ACTIVE, ...). */
  status?: string | readonly string[];
  /**
   * Tags, key -> value, all of which an instance must carry (an empty value: any value of the key). Only for
   * services whose list filters by and returns tags (DDS, openGauss, TaurusDB; not GeminiDB).
   */
  tags?: Readonly<Record<string, string>>;
}

/** The fields of a listed instance a selector looks at. */
export interface SelectableInstance {
  id: string;
  name: string | null;
  engine: string | null;
  status: string | null;
  /** The tags the list returned; null (or absent) when the list returns none. */
  tags?: Tags | null;
}

const list = (value: string | readonly string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : (typeof value === "string" ? [value] : [...value]).map((v) => v.toLowerCase());

/** `*` and `?` globs as an anchored RegExp; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "s");
}

/** Checks a selector read from anywhere (a JSON file, a CLI flag) and returns a plain copy. */
export function normalizeSelector(selector: InstanceSelector | undefined): InstanceSelector {
  if (selector === undefined) return {};
  if (selector === null || typeof selector !== "object") throw new TypeError("selector must be an object");
  const out: InstanceSelector = {};
  const strings = (value: unknown, what: string): string[] => {
    const values = typeof value === "string" ? [value] : value;
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string" || v === ""))
      throw new TypeError(`selector.${what} must be a non-empty string or a list of them`);
    return [...values];
  };
  if (selector.ids !== undefined) out.ids = strings(selector.ids, "ids");
  if (selector.name !== undefined) {
    if (typeof selector.name !== "string" || selector.name === "")
      throw new TypeError("selector.name must be a non-empty glob string");
    out.name = selector.name;
  }
  if (selector.engine !== undefined) out.engine = strings(selector.engine, "engine");
  if (selector.status !== undefined) out.status = strings(selector.status, "status");
  if (selector.tags !== undefined) out.tags = normalizeTags(selector.tags);
  return out;
}

/** A predicate for the selector (already normalized). */
export function selectorMatcher(selector: InstanceSelector): (instance: SelectableInstance) => boolean {
  const ids = selector.ids === undefined ? undefined : new Set(selector.ids);
  const name = selector.name === undefined ? undefined : globToRegExp(selector.name);
  const engines = list(selector.engine);
  const statuses = list(selector.status);
  return (instance) =>
    (ids === undefined || ids.has(instance.id)) &&
    (name === undefined || (instance.name !== null && name.test(instance.name))) &&
    (engines === undefined || (instance.engine !== null && engines.includes(instance.engine.toLowerCase()))) &&
    (statuses === undefined || (instance.status !== null && statuses.includes(instance.status.toLowerCase()))) &&
    (selector.tags === undefined || hasAllTags(instance.tags, selector.tags));
}
