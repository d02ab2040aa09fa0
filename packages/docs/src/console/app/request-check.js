// Live validation with the mock's own code: the mock's validateRequest (path, headers, content
// type, JSON syntax, body schema) over a SpecValidator whose schemas were compiled ahead of time
// (generated/validators.js, same ajv options as @dbupgrade/specs), and the specs' toIssues /
// describeIssues for the messages. So the page shows the error_msg the mock will answer with.
import { describeIssues, toIssues } from "@dbupgrade/specs/validation";
import { validateRequest } from "@dbupgrade/mocks/request-validation";
import { operationValidators } from "../generated/validators.js";

/** @typedef {import("../console-operations.mjs").ConsoleOperation} ConsoleOperation */
/** @typedef {import("@dbupgrade/specs/validation").ValidationIssue} ValidationIssue */

/** @typedef {import("@dbupgrade/specs/validation").ValidationResult} ValidationResult */
/** @returns {ValidationResult} */
const ok = () => ({ valid: true, issues: [] });
/** @param {ValidationIssue[]} issues @returns {ValidationResult} */
const fail = (issues) => (issues.length ? { valid: false, issues } : ok());

/**
 * Parameters arrive as text; one the spec types as a number is checked as the number the text
 * spells, as @dbupgrade/specs' validator does (test/console.test.ts compares the two on every
 * parameter of every operation, so a change on either side fails there).
 * @param {string} value @param {string} type
 */
function fromText(value, type) {
  const numeric = type === "integer" || type === "number";
  return numeric && /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,15})?$/.test(value) ? Number(value) : value;
}

/**
 * The request half of @dbupgrade/specs' SpecValidator over the precompiled functions.
 * (Parameters: required when documented so, empty counts as absent, header names in any case.)
 * @param {ConsoleOperation} op
 * @returns {import("@dbupgrade/specs/validation").SpecValidator}
 */
export function precompiledValidator(op) {
  const compiled = /** @type {Record<string, { body: any, parameters: Record<string, any> }>} */ (operationValidators)[
    op.key
  ];
  if (!compiled) throw new Error(`no generated validators for ${op.key}: run \`pnpm generate\``);
  const unsupported = () => {
    throw new Error("the console validates requests only");
  };
  return {
    validateRequestBody(_api, _operationId, body) {
      const fn = compiled.body;
      if (!fn) return ok();
      return fn(body) ? ok() : fail(toIssues("body", fn.errors));
    },
    validateParameters(_api, _operationId, parts) {
      /** @type {ValidationIssue[]} */
      const issues = [];
      for (const param of op.parameters) {
        const bag = /** @type {Record<string, string | undefined>} */ (parts[param.in] ?? {});
        const value =
          param.in === "header"
            ? Object.entries(bag).find(([k]) => k.toLowerCase() === param.name.toLowerCase())?.[1]
            : bag[param.name];
        if (value === undefined || value === "") {
          if (param.required) issues.push({ location: `${param.in}.${param.name}`, message: "is required" });
          continue;
        }
        const fn = compiled.parameters[`${param.in}.${param.name}`];
        if (!fn(fromText(value, param.type))) issues.push(...toIssues(`${param.in}.${param.name}`, fn.errors));
      }
      return fail(issues);
    },
    validateResponse: unsupported,
    requestBodySchema: unsupported,
  };
}

/**
 * Checks a request as the mock will, and returns the issues and the 400 error_msg they give.
 * @param {ConsoleOperation} op
 * @param {{ request: Request, pathParams: Record<string, string>, bodyText: string | null }} input
 * @returns {{ issues: ValidationIssue[], message: string }}
 */
export function checkRequest(op, { request, pathParams, bodyText }) {
  const validator = precompiledValidator(op);
  const facts = {
    api: op.api,
    operationId: op.operationId,
    requestContentType: op.body?.contentType ?? "application/json",
    language: op.language,
  };
  const bytes = new TextEncoder().encode(bodyText ?? "");
  if (!op.body) {
    // No request body: only the parameters apply (the mock's body checks are for operations with one).
    const issues = validator.validateParameters(op.api, op.operationId, {
      path: pathParams,
      header: headerBag(request.headers),
      query: queryBag(request.url),
    }).issues;
    return { issues, message: messageOf(op, issues, answerLanguage(op, request.headers)) };
  }
  const parsed = validateRequest(validator, facts, request, pathParams, bytes);
  const issues = parsed.ok ? [] : parsed.issues;
  return { issues, message: messageOf(op, issues, parsed.language) };
}

/** The DBS.200001 error_msg the mock gives for these issues, in the answer's language. @param {ConsoleOperation} op @param {ValidationIssue[]} issues @param {string} language */
function messageOf(op, issues, language) {
  if (!issues.length) return "";
  return `${op.parameterError.prefixes[language] ?? op.parameterError.prefixes["en-us"]}${describeIssues(issues)}`;
}

/** The language the mock answers in, as validateRequest decides it (for operations without a body). @param {ConsoleOperation} op @param {Headers} headers */
function answerLanguage(op, headers) {
  const requested = op.language ? headers.get(op.language.name) : null;
  return op.language && requested !== null && op.language.values.includes(requested)
    ? requested
    : (op.language?.default ?? "en-us");
}

/** @param {Headers} headers */
function headerBag(headers) {
  /** @type {Record<string, string>} */
  const bag = {};
  headers.forEach((value, name) => (bag[name] = value));
  return bag;
}

/** @param {string} url */
function queryBag(url) {
  return Object.fromEntries(new URL(url).searchParams);
}
