// fast-check arbitraries derived from the specs' JSON Schemas, not hand-listed cases: a valid body
// for any request schema, and invalid bodies by mutating a valid one in each way a caller can get
// it wrong. The validator (@dbupgrade/specs/validation) is the oracle that each mutation really is
// invalid; these generators only have to be good at finding the edges.
import fc from "fast-check";
import { apiDocuments, type ApiName } from "@dbupgrade/specs";

type Schema = Record<string, any>;

export interface SchemaContext {
  api: ApiName;
  /** Values that hit the interesting paths of the mocks (e.g. instance IDs of the seeded fleet). */
  hints?: { instances?: readonly { id: string; version: string }[] };
}

function resolve(api: ApiName, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) {
    s = s.$ref
      .slice(2)
      .split("/")
      .reduce((o: any, k: string) => o?.[k], apiDocuments[api]);
  }
  return s;
}

const isInstanceIdField = (name: string | undefined) => name === "instance_id" || name === "instance_ids";

/** A valid value for `schema`. `field` is the property name the value sits under, used for hints. */
export function validArbitrary(ctx: SchemaContext, raw: Schema, field?: string): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.api, raw);
  if (schema.oneOf) {
    // oneOf branches here are disjoint by type (delay: boolean | "true" | "false"), so any branch is valid.
    return fc.oneof(...schema.oneOf.map((s: Schema) => validArbitrary(ctx, s, field)));
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case "string": {
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      // A form the spec records as the documented one without making others invalid (openGauss
      // start_time): mostly that form, so runs reach the success path, sometimes any string.
      const documented = schema["x-dbupgrade-documented-form"];
      if (typeof documented === "string") {
        const anyText = fc.string({
          minLength: Math.max(1, schema.minLength ?? 0),
          maxLength: Math.min(schema.maxLength ?? 40, 40),
        });
        return fc.oneof(
          { weight: 4, arbitrary: fc.stringMatching(new RegExp(documented)) },
          { weight: 1, arbitrary: anyText },
        );
      }
      const text = fc
        .string({
          unit: "grapheme",
          minLength: Math.max(1, schema.minLength ?? 0),
          maxLength: Math.min(schema.maxLength ?? 40, 40),
        })
        .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
      const known = ctx.hints?.instances?.map((i) => i.id);
      if (isInstanceIdField(field) && known?.length)
        return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: text });
      return text;
    }
    case "array": {
      const items = validArbitrary(ctx, schema.items ?? {}, field);
      return fc.array(items, {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? Math.max(12, schema.minItems ?? 0),
      });
    }
    case "object": {
      const properties = Object.entries<Schema>(schema.properties ?? {});
      const required = new Set<string>(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, s] of properties) record[name] = validArbitrary(ctx, s, name);
      const generic = fc.record(record, { requiredKeys: [...required] });
      // An entry naming an instance and its current version (TaurusDB): mostly pairs the fleet knows.
      const known = ctx.hints?.instances;
      if (known?.length && "instance_id" in record && "current_version" in record && properties.length === 2) {
        const pairs = fc.constantFrom(...known.map((i) => ({ instance_id: i.id, current_version: i.version })));
        return fc.oneof({ weight: 3, arbitrary: pairs }, { weight: 1, arbitrary: generic });
      }
      return generic;
    }
    default:
      return fc.jsonValue();
  }
}

export type MutationKind =
  | "missing required field"
  | "wrong type"
  | "too many items"
  | "empty array"
  | "bad enum"
  | "undocumented field"
  | "extra nesting"
  | "huge string"
  | "pattern mismatch"
  | "not an object";

export interface InvalidBody {
  kind: MutationKind;
  /** Where the mutation was made, e.g. `instance_ids[0]`. */
  at: string;
  body: unknown;
}

interface Site {
  path: (string | number)[];
  schema: Schema;
}

/** Every place in `value` with the schema that governs it. */
function sites(ctx: SchemaContext, raw: Schema, value: unknown, path: (string | number)[] = []): Site[] {
  const schema = resolve(ctx.api, raw);
  const out: Site[] = [{ path, schema }];
  if (schema.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    for (const [name, s] of Object.entries<Schema>(schema.properties ?? {})) {
      if (name in (value as object)) out.push(...sites(ctx, s, (value as any)[name], [...path, name]));
    }
  }
  if (schema.type === "array" && Array.isArray(value)) {
    value.forEach((item, i) => out.push(...sites(ctx, schema.items ?? {}, item, [...path, i])));
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], update: (old: unknown) => unknown): unknown {
  if (path.length === 0) return update(root);
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  copy[head!] = setAt(copy[head!], rest, update);
  return copy;
}

const label = (path: (string | number)[]) =>
  path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p), "") || "(body)";

const wrongTypeFor = (schema: Schema): unknown[] => {
  const all: unknown[] = [42, "text", true, null, [], {}];
  const types = new Set([schema.type, ...(schema.oneOf ?? []).map((s: Schema) => s.type)]);
  return all.filter((v) => {
    const t = v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" ? "integer" : typeof v;
    return !types.has(t) && !(t === "integer" && types.has("number")) && !(schema.enum ?? []).includes(v);
  });
};

/** All the ways to break one valid body, applied at every place they apply. */
export function mutations(ctx: SchemaContext, schema: Schema, valid: unknown): InvalidBody[] {
  const out: InvalidBody[] = [];
  const bigString = "x".repeat(70_000);
  for (const { path, schema: s } of sites(ctx, schema, valid)) {
    const at = label(path);
    for (const bad of wrongTypeFor(s)) out.push({ kind: "wrong type", at, body: setAt(valid, path, () => bad) });
    if (s.type === "object") {
      for (const name of s.required ?? []) {
        out.push({
          kind: "missing required field",
          at: `${at}.${name}`,
          body: setAt(valid, path, (o: any) => {
            const c = { ...o };
            delete c[name];
            return c;
          }),
        });
      }
      if (s.additionalProperties === false) {
        out.push({
          kind: "undocumented field",
          at,
          body: setAt(valid, path, (o: any) => ({ ...o, ["unexpected_\u00e9\u{1F600}"]: "x" })),
        });
      }
    }
    if (s.type === "array") {
      if (s.maxItems !== undefined) {
        out.push({
          kind: "too many items",
          at,
          body: setAt(valid, path, (a: any) =>
            Array.from({ length: s.maxItems + 1 }, (_, i) => a[i % Math.max(1, a.length)] ?? "x"),
          ),
        });
      }
      if ((s.minItems ?? 0) > 0) out.push({ kind: "empty array", at, body: setAt(valid, path, () => []) });
      out.push({ kind: "extra nesting", at, body: setAt(valid, path, (a: any) => [a]) });
    }
    if (s.enum) out.push({ kind: "bad enum", at, body: setAt(valid, path, (v) => `${String(v).toUpperCase()}\u200b`) });
    if (s.type === "string" && s.maxLength !== undefined)
      out.push({ kind: "huge string", at, body: setAt(valid, path, () => bigString) });
    if (s.type === "string" && s.pattern)
      out.push({ kind: "pattern mismatch", at, body: setAt(valid, path, (v) => `\u{1F4A5}${String(v)}`) });
  }
  out.push({ kind: "not an object", at: "(body)", body: [valid] });
  return out;
}

/** A valid body, and one invalid mutation of it chosen by fast-check. */
export function invalidArbitrary(ctx: SchemaContext, schema: Schema): fc.Arbitrary<InvalidBody> {
  return validArbitrary(ctx, schema).chain((valid) => {
    const options = mutations(ctx, schema, valid);
    return fc.constantFrom(...options);
  });
}
