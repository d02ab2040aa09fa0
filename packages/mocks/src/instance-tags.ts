// Instance tags: what the DDS, openGauss (/v3.3) and TaurusDB (/v3.1) lists return and filter on with their
// `tags` query (`key=value` pairs joined by commas, all of which must match). The seeded fleet tags its
// instances by position, so tests know without randomness which ones carry which tags.

/** An instance's tags, key -> value. */
export type InstanceTags = Readonly<Record<string, string>>;

/**
 * The tags of the n-th seeded instance (0-based) of a service, repeating every four: `env=prod,team=payments`,
 * `env=staging`, `env=prod`, none. So `env=prod` selects half and `env=prod,team=payments` a quarter.
 */
export function seededTags(n: number): InstanceTags {
  const cycle: InstanceTags[] = [{ env: "prod", team: "payments" }, { env: "staging" }, { env: "prod" }, {}];
  return { ...cycle[n % cycle.length]! };
}

/** The list answers' form: `[{key, value}]` in key order. */
export function tagList(tags: InstanceTags): { key: string; value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key]! }));
}

/**
 * Parses a `tags` query (`k=v,k2=v2`; a pair without `=` or with an empty value matches any value of its key).
 * Undefined when the query is absent or empty.
 */
export function parseTagQuery(query: string | undefined): { key: string; value: string }[] | undefined {
  if (query === undefined || query.trim() === "") return undefined;
  return query.split(",").map((pair) => {
    const at = pair.indexOf("=");
    return at < 0
      ? { key: pair.trim(), value: "" }
      : { key: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
}

/** True when the instance has every pair (AND); an empty value matches any value of the key. */
export function hasTags(tags: InstanceTags, wanted: readonly { key: string; value: string }[] | undefined): boolean {
  if (wanted === undefined) return true;
  return wanted.every(({ key, value }) => Object.hasOwn(tags, key) && (value === "" || tags[key] === value));
}
