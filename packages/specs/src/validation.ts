// Validates requests and responses against the bundled specs with ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). Each schema is compiled once, on first use, and cached.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { apiDocuments } from "./generated/document-index.js";
import type { ApiName } from "@dbupgrade/meta";

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export interface ValidationIssue {
  /** Where the problem is, e.g. `body.instance_ids`, `header.X-Language`, `path.project_id`. */
  location: string;
  message: string;
}

export type ValidationResult = { valid: true; issues: [] } | { valid: false; issues: ValidationIssue[] };

export type RequestPart = "path" | "header" | "query";

export interface RequestParts {
  path?: Record<string, string | undefined>;
  header?: Record<string, string | undefined>;
  query?: Record<string, string | undefined>;
}

type AnyDoc = { paths?: Record<string, Record<string, any>>; components?: Record<string, any> };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function resolveRef(doc: AnyDoc, node: any): any {
  let n = node;
  for (let i = 0; n && typeof n.$ref === "string" && i < 20; i++) {
    n = n.$ref
      .slice(2)
      .split("/")
      .reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return n;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, "~0").replace(/\//g, "~1");
}

export interface OperationLocation {
  api: ApiName;
  operationId: string;
  path: string;
  method: (typeof METHODS)[number];
  /** JSON pointer of the operation object inside its document. */
  pointer: string;
  operation: any;
}

/** Finds an operation by id in one API's document. */
export function findOperation(api: ApiName, operationId: string): OperationLocation {
  const doc = apiDocuments[api] as AnyDoc;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation?.operationId === operationId) {
        return { api, operationId, path, method, pointer: `#/paths/${escapePointer(path)}/${method}`, operation };
      }
    }
  }
  throw new Error(`unknown operation ${api}.${operationId}`);
}

function locationOf(prefix: string, error: ErrorObject): string {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "required")
    segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === "additionalProperties") {
    segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
  }
  let out = prefix;
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  return out;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a documented field";
    case "enum":
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return error.message ?? error.keyword;
  }
}

/** Turns ajv errors into one issue per location, without the noise of oneOf branches. */
export function toIssues(prefix: string, errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  const byLocation = new Map<string, string[]>();
  for (const e of errors ?? []) {
    if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if") continue;
    const location = locationOf(prefix, e);
    const messages = byLocation.get(location) ?? [];
    const message = messageOf(e);
    if (!messages.includes(message)) messages.push(message);
    byLocation.set(location, messages);
  }
  if (byLocation.size === 0 && errors?.length) byLocation.set(prefix, [messageOf(errors[0]!)]);
  return [...byLocation].map(([location, messages]) => ({ location, message: messages.join(" or ") }));
}

/** One line naming each field and why it is wrong: the text of a DBS.200001 `error_msg`. */
export function describeIssues(issues: readonly ValidationIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((i) => `${i.location} ${i.message}`);
  const more = issues.length > limit ? `; and ${issues.length - limit} more` : "";
  return shown.join("; ") + more;
}

/**
 * Path, query and header values arrive as text; a parameter the spec types as a number is checked
 * as the number the text spells (`limit=20` is 20), and text that is no number stays text so the
 * schema reports it.
 */
function fromText(value: string, schema: { type?: unknown } | undefined): unknown {
  const numeric = schema?.type === "integer" || schema?.type === "number";
  return numeric && /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,15})?$/.test(value) ? Number(value) : value;
}

const ok: ValidationResult = { valid: true, issues: [] };
const fail = (issues: ValidationIssue[]): ValidationResult => (issues.length ? { valid: false, issues } : ok);

export interface SpecValidator {
  validateRequestBody(api: ApiName, operationId: string, body: unknown): ValidationResult;
  validateParameters(api: ApiName, operationId: string, parts: RequestParts): ValidationResult;
  /** Validates a response body (and, when given, its headers) against the documented status. */
  validateResponse(
    api: ApiName,
    operationId: string,
    status: number,
    body: unknown,
    headers?: Record<string, string | undefined>,
  ): ValidationResult;
  /** The JSON Schema of a request body, with refs pointing into the API's document (`<api>#/...`). */
  requestBodySchema(api: ApiName, operationId: string): { schema: unknown; root: unknown };
}

export interface SpecValidatorOptions {
  /**
   * Treat every `additionalProperties: true` in the specs as `false`. The specs let response bodies
   * carry fields they do not document (real servers may add some); a mock or a fixture that should
   * send exactly the documented fields is checked with this on. Default `false`.
   */
  documentedFieldsOnly?: boolean;
}

/** A copy of a document in which every open object (`additionalProperties: true`) is closed. */
function closeOpenObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeOpenObjects);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  // An object that declares no properties at all is free-form by its documentation (TaurusDB
  // `target_config`: "object" in every SDK): any field in it is documented.
  const freeForm = !("properties" in node);
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "additionalProperties" && value === true && !freeForm ? false : closeOpenObjects(value);
  }
  return out;
}

export function createSpecValidator(options: SpecValidatorOptions = {}): SpecValidator {
  // strict: false because the documents carry OpenAPI keywords around the schemas (ajv would reject them).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const [api, doc] of Object.entries(apiDocuments)) {
    ajv.addSchema((options.documentedFieldsOnly ? closeOpenObjects(doc) : doc) as object, api);
  }
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, ref: string): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile({ $ref: ref });
      cache.set(key, fn);
    }
    return fn;
  };

  const parameters = (api: ApiName, operationId: string) => {
    const { operation, path } = findOperation(api, operationId);
    const doc = apiDocuments[api] as AnyDoc;
    const pathItem = doc.paths![path]!;
    return [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: any) => ({
      ref: p.$ref as string | undefined,
      param: resolveRef(doc, p),
    }));
  };

  const bodyMedia = (api: ApiName, operationId: string) => {
    const loc = findOperation(api, operationId);
    const doc = apiDocuments[api] as AnyDoc;
    const requestBody = resolveRef(doc, loc.operation.requestBody);
    const [mediaType] = Object.keys(requestBody?.content ?? {});
    if (!mediaType) throw new Error(`${api}.${operationId} has no request body`);
    return `${api}${loc.pointer}/requestBody/content/${escapePointer(mediaType)}/schema`;
  };

  return {
    validateRequestBody(api, operationId, body) {
      const ref = bodyMedia(api, operationId);
      const fn = compile(ref, ref);
      return fn(body) ? ok : fail(toIssues("body", fn.errors));
    },

    validateParameters(api, operationId, parts) {
      const issues: ValidationIssue[] = [];
      for (const { param } of parameters(api, operationId)) {
        const where = param.in as RequestPart;
        const bag = parts[where] ?? {};
        const value =
          where === "header"
            ? Object.entries(bag).find(([k]) => k.toLowerCase() === String(param.name).toLowerCase())?.[1]
            : bag[param.name];
        if (value === undefined || value === "") {
          if (param.required) issues.push({ location: `${where}.${param.name}`, message: "is required" });
          continue;
        }
        const key = `${api}:${operationId}:param:${where}:${param.name}`;
        let fn = cache.get(key);
        if (!fn) {
          fn = ajv.compile(param.schema);
          cache.set(key, fn);
        }
        if (!fn(fromText(value, param.schema))) issues.push(...toIssues(`${where}.${param.name}`, fn.errors));
      }
      return fail(issues);
    },

    validateResponse(api, operationId, status, body, headers) {
      const loc = findOperation(api, operationId);
      const doc = apiDocuments[api] as AnyDoc;
      const key = String(status) in loc.operation.responses ? String(status) : "default";
      const response = resolveRef(doc, loc.operation.responses[key]);
      if (!response) return fail([{ location: "status", message: `${status} is not documented for ${operationId}` }]);
      const issues: ValidationIssue[] = [];
      const [mediaType] = Object.keys(response.content ?? {});
      if (mediaType) {
        const ref = `${api}${loc.pointer}/responses/${key}`;
        // Follow a $ref'd response object to its schema inside the document.
        const raw = loc.operation.responses[key];
        const schemaRef = raw.$ref
          ? `${api}${raw.$ref}/content/${escapePointer(mediaType)}/schema`
          : `${ref}/content/${escapePointer(mediaType)}/schema`;
        const fn = compile(schemaRef, schemaRef);
        if (!fn(body)) issues.push(...toIssues("body", fn.errors));
      }
      if (headers) {
        for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
          const h = resolveRef(doc, header);
          const value = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
          if (value === undefined) {
            issues.push({ location: `header.${name}`, message: "is required" });
            continue;
          }
          const fnKey = `${api}:${operationId}:${key}:header:${name}`;
          let fn = cache.get(fnKey);
          if (!fn) {
            fn = ajv.compile(h.schema ?? {});
            cache.set(fnKey, fn);
          }
          if (!fn(value)) issues.push(...toIssues(`header.${name}`, fn.errors));
        }
      }
      return fail(issues);
    },

    requestBodySchema(api, operationId) {
      const ref = bodyMedia(api, operationId);
      return { schema: { $ref: ref }, root: apiDocuments[api] };
    },
  };
}
