// One record per documented operation, joining the small runtime metadata (`apiMeta`) with what only
// the full OpenAPI document holds (service title, named request examples, parameter examples,
// server variables). Everything the samples and the portal show comes from here.
import { sampleParameters } from "@dbupgrade/mocks";
import { apiDocuments, apiMeta, apiNames } from "@dbupgrade/specs";

/**
 * @typedef {import("@dbupgrade/specs").ApiName} ApiName
 * @typedef {{
 *   api: ApiName,
 *   operationId: string,
 *   method: string,
 *   path: string,
 *   summary: string,
 *   successStatus: number,
 *   successHasBody: boolean,
 *   statuses: readonly number[],
 *   group: "upgrade" | "follow" | "plan",
 *   deprecated: boolean,
 *   replacedBy: string | null,
 *   requestContentType: string | null,
 *   language: { name: string, values: readonly string[], default: string } | null,
 *   batch: { property: string, minItems: number, maxItems: number | null } | null,
 *   constraints: readonly string[],
 *   service: string,
 *   serviceSummary: string,
 *   specVersion: string,
 *   openapiVersion: string,
 *   tag: string | undefined,
 *   exampleName: string | null,
 *   exampleBody: unknown,
 *   pathParams: Record<string, string>,
 *   queryParams: Record<string, string | number | boolean>,
 *   region: string | undefined,
 * }} OperationDoc
 */

/**
 * Follows local `$ref`s (`#/components/...`) inside one document.
 * @param {any} document
 * @param {any} node
 * @returns {any}
 */
export function resolveLocalRef(document, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`cannot resolve $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((/** @type {string} */ part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((/** @type {any} */ parent, /** @type {string} */ key) => parent?.[key], document);
  }
  if (current === undefined) throw new Error(`dangling $ref ${node.$ref}`);
  return current;
}

/**
 * The operation object of `operationId` in `document`, found by the path and method of its metadata.
 * @param {any} document
 * @param {{ operationId: string, method: string, path: string }} meta
 * @returns {any}
 */
export function operationObject(document, meta) {
  const operation = document.paths?.[meta.path]?.[meta.method.toLowerCase()];
  if (!operation || operation.operationId !== meta.operationId) {
    throw new Error(`${meta.method} ${meta.path} is not operation ${meta.operationId} in the document`);
  }
  return operation;
}

/**
 * Every operation of one API, in document order.
 * @param {ApiName} api
 * @param {any} [document] the bundled document (defaults to the one of @dbupgrade/specs)
 * @returns {OperationDoc[]}
 */
export function apiOperations(api, document = apiDocuments[api]) {
  const meta = apiMeta[api];
  return Object.values(meta.operations).map((/** @type {any} */ op) => {
    const operation = operationObject(document, op);
    const { exampleName, exampleBody } = requestExample(document, api, op, operation);
    // Body-less operations send their parameter examples (ids the fresh mock knows, see @dbupgrade/mocks).
    const sample = op.requestContentType === null ? sampleParameters(api, op.operationId) : { path: {}, query: {} };
    const pathParams = { ...specPathExamples(document, api, op, operation), ...sample.path };
    const region = document.servers?.find((/** @type {any} */ s) => s.variables?.region?.default)?.variables.region
      .default;
    return {
      api,
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      summary: op.summary,
      successStatus: op.successStatus,
      successHasBody: resolveLocalRef(document, operation.responses[String(op.successStatus)]).content !== undefined,
      statuses: op.statuses,
      group: op.group,
      deprecated: op.deprecated,
      replacedBy: op.replacedBy,
      requestContentType: op.requestContentType,
      language: op.language,
      batch: op.batch,
      constraints: op.constraints,
      service: document.info.title,
      serviceSummary: document.info.summary ?? "",
      specVersion: document.info.version,
      openapiVersion: document.openapi,
      tag: operation.tags?.[0],
      exampleName,
      exampleBody,
      pathParams,
      queryParams: sample.query,
      region,
    };
  });
}

/**
 * The operation's first named request example (none for a body-less operation).
 * @param {any} document @param {string} api @param {any} op @param {any} operation
 * @returns {{ exampleName: string | null, exampleBody: unknown }}
 */
function requestExample(document, api, op, operation) {
  if (op.requestContentType === null) return { exampleName: null, exampleBody: null };
  const media = resolveLocalRef(document, operation.requestBody).content?.[op.requestContentType];
  const [exampleName, example] = Object.entries(media?.examples ?? {})[0] ?? [];
  if (!exampleName) throw new Error(`${api}.${op.operationId} has no named request example to build samples from`);
  return { exampleName, exampleBody: resolveLocalRef(document, example).value };
}

/**
 * The spec's example of every path parameter of an operation.
 * @param {any} document @param {string} api @param {any} op @param {any} operation
 * @returns {Record<string, string>}
 */
function specPathExamples(document, api, op, operation) {
  return Object.fromEntries(
    [...(document.paths[op.path].parameters ?? []), ...(operation.parameters ?? [])]
      .map((p) => resolveLocalRef(document, p))
      .filter((p) => p.in === "path")
      .map((p) => {
        const value = p.example ?? p.schema?.examples?.[0];
        if (typeof value !== "string")
          throw new Error(`${api}.${op.operationId}: path parameter ${p.name} has no example`);
        return [p.name, value];
      }),
  );
}

/** @returns {OperationDoc[]} every operation of every API, APIs in `apiNames` order */
export function allOperations() {
  return apiNames.flatMap((api) => apiOperations(api));
}

/**
 * The operation's path with its path parameters filled in from the spec's examples, and the sample's
 * query string.
 * @param {OperationDoc} op
 */
export function examplePath(op) {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const value = op.pathParams[name];
    if (value === undefined) throw new Error(`${op.api}.${op.operationId}: no example for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(op.queryParams).map(([k, v]) => [k, String(v)])).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The API's upgrade operation (group `upgrade`): a follow operation's sample follows what it started.
 * @param {ApiName} api
 */
export function upgradeOperationOf(api) {
  const upgrades = Object.values(apiMeta[api].operations).filter((/** @type {any} */ op) => op.group === "upgrade");
  if (upgrades.length !== 1) throw new Error(`${api} has ${upgrades.length} upgrade operations, expected 1`);
  return /** @type {any} */ (upgrades[0]).operationId;
}
