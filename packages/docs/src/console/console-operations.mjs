// What a console page knows about its operation, read from the specs' metadata and documents:
// method, path, parameters with their schemas and examples, the named request examples, statuses.
// Generic over every operation the specs list: nothing here names an operation.
import { apiDocuments, apiMeta, apiNames } from "@dbupgrade/specs";
import { messages, specErrors } from "@dbupgrade/mocks";
import { operationObject, resolveLocalRef } from "../operations.mjs";
import { clientFactories } from "../code-samples.mjs";
import { mockBaseUrl } from "../local-mock.mjs";

/**
 * @typedef {import("@dbupgrade/specs").ApiName} ApiName
 * @typedef {{ name: string, in: "path" | "query" | "header", required: boolean, description: string,
 *   type: string, enum: unknown[] | null, example: string, schemaPointer: string }} ConsoleParameter
 * @typedef {{ name: string, summary: string, value: unknown }} ConsoleExample
 * @typedef {{
 *   key: string, api: ApiName, operationId: string, method: string, path: string, summary: string,
 *   service: string, successStatus: number, statuses: number[], tag: string | undefined,
 *   parameters: ConsoleParameter[],
 *   body: { contentType: string, required: boolean, schemaPointer: string, examples: ConsoleExample[] } | null,
 *   language: { name: string, values: readonly string[], default: string } | null,
 *   clientFactory: string, defaultBaseUrl: string,
 *   parameterError: { code: string, prefixes: Record<string, string> },
 * }} ConsoleOperation
 */

/** @param {string} s */
const escapePointer = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** @param {string} api @param {string} operationId */
export const consoleKey = (api, operationId) => `${api}.${operationId}`;

/** File name of an operation's console page, under `console/` in the site. */
export const consolePageName = (/** @type {{ api: string, operationId: string }} */ op) =>
  `${consoleKey(op.api, op.operationId)}.html`;

/** A parameter's example as the text a form field holds. */
function exampleText(/** @type {any} */ param) {
  const value = param.example ?? param.schema?.examples?.[0] ?? param.schema?.default;
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The parameters of an operation (path-level first, as the validator reads them), each with the
 * JSON pointer of its schema for the generated validators.
 * @param {ApiName} api @param {any} document @param {string} path @param {string} method
 * @returns {ConsoleParameter[]}
 */
function parametersOf(api, document, path, method) {
  const pathItem = document.paths[path];
  const base = `#/paths/${escapePointer(path)}`;
  const listed = [
    ...(pathItem.parameters ?? []).map((/** @type {any} */ p, /** @type {number} */ i) => ({
      p,
      at: `${base}/parameters/${i}`,
    })),
    ...(pathItem[method].parameters ?? []).map((/** @type {any} */ p, /** @type {number} */ i) => ({
      p,
      at: `${base}/${method}/parameters/${i}`,
    })),
  ];
  return listed.map(({ p, at }) => {
    const param = resolveLocalRef(document, p);
    const schema = resolveLocalRef(document, param.schema ?? {});
    return {
      name: param.name,
      in: param.in,
      required: param.required === true,
      description: param.description ?? "",
      type: typeof schema.type === "string" ? schema.type : "string",
      enum: Array.isArray(schema.enum) ? schema.enum : null,
      example: exampleText(param),
      schemaPointer: `${api}${p.$ref ?? at}/schema`,
    };
  });
}

/**
 * @param {ApiName} api @param {any} document @param {any} operation @param {string} pointer
 * @returns {ConsoleOperation["body"]}
 */
function bodyOf(api, document, operation, pointer) {
  if (!operation.requestBody) return null;
  const requestBody = resolveLocalRef(document, operation.requestBody);
  const [contentType, media] = Object.entries(requestBody.content ?? {})[0] ?? [];
  if (!contentType) return null;
  const examples = Object.entries(media.examples ?? {}).map(([name, example]) => {
    const resolved = resolveLocalRef(document, example);
    return { name, summary: resolved.summary ?? "", value: resolved.value };
  });
  if (examples.length === 0 && media.example !== undefined)
    examples.push({ name: "example", summary: "", value: media.example });
  return {
    contentType,
    required: requestBody.required === true,
    schemaPointer: `${api}${pointer}/requestBody/content/${escapePointer(contentType)}/schema`,
    examples,
  };
}

/**
 * Every operation of `api`, in metadata order.
 * @param {ApiName} api
 * @param {any} [document]
 * @returns {ConsoleOperation[]}
 */
export function consoleOperationsOf(api, document = apiDocuments[api]) {
  // The mock's DBS.200001 text before the field list, in each language it answers in.
  const parameterError = {
    code: specErrors().parameterError.error_code,
    prefixes: Object.fromEntries(
      /** @type {const} */ (["en-us", "zh-cn"]).map((language) => [language, messages(language).parameterError("")]),
    ),
  };
  return Object.values(apiMeta[api].operations).map((/** @type {any} */ meta) => {
    const operation = operationObject(document, meta);
    const method = meta.method.toLowerCase();
    const pointer = `#/paths/${escapePointer(meta.path)}/${method}`;
    return {
      key: consoleKey(api, meta.operationId),
      api,
      operationId: meta.operationId,
      method: meta.method,
      path: meta.path,
      summary: meta.summary ?? operation.summary ?? meta.operationId,
      service: document.info.title,
      successStatus: meta.successStatus,
      statuses: [...meta.statuses],
      tag: operation.tags?.[0],
      parameters: parametersOf(api, document, meta.path, method),
      body: bodyOf(api, document, operation, pointer),
      clientFactory: clientFactories[api],
      defaultBaseUrl: mockBaseUrl(api),
      language: meta.language,
      parameterError,
    };
  });
}

/** @returns {ConsoleOperation[]} every operation of every API */
export function allConsoleOperations() {
  return apiNames.flatMap((api) => consoleOperationsOf(api));
}
