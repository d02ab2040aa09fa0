// Turns an incoming request into a validated body and query, or into the issues of a DBS.200001
// answer: path, query and header parameters, then (for operations with a body) content type, JSON
// syntax and the spec's request schema.
import type { ApiName } from "@dbupgrade/specs";
import type { SpecValidator, ValidationIssue } from "@dbupgrade/specs/validation";
import type { Language } from "./errors.js";

export interface OperationFacts {
  api: ApiName;
  operationId: string;
  /** `null` for operations without a request body (their body, if any, is ignored). */
  requestContentType: string | null;
  language: { name: string; values: readonly string[]; default: string } | null;
}

export type ParsedRequest =
  | { ok: true; body: unknown; query: Record<string, string>; language: Language; params: Record<string, string> }
  | { ok: false; issues: ValidationIssue[]; language: Language };

function mediaType(value: string): { essence: string; charset?: string } {
  const [essence = "", ...rest] = value.split(";");
  const charset = rest.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)?.[1]).find((c) => c !== undefined);
  return { essence: essence.trim().toLowerCase(), ...(charset ? { charset: charset.toLowerCase() } : {}) };
}

/**
 * The documented media type must match in essence (`application/json`); a charset, when sent,
 * must be UTF-8. So `application/json` is accepted where the spec lists
 * `application/json;charset=UTF-8` (JSON is UTF-8 by definition), and `text/plain` is not.
 */
function contentTypeIssue(expected: string, actual: string | null): ValidationIssue | undefined {
  const want = mediaType(expected);
  if (actual === null || actual.trim() === "") {
    return { location: "header.Content-Type", message: `is required (${expected})` };
  }
  const got = mediaType(actual);
  if (got.essence !== want.essence || (got.charset !== undefined && got.charset !== "utf-8")) {
    return {
      location: "header.Content-Type",
      message: `must be ${expected}, not ${JSON.stringify(actual.slice(0, 80))}`,
    };
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
  if (bytes.byteLength === 0) return { ok: false, issue: { location: "body", message: "is required" } };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, issue: { location: "body", message: "is not valid UTF-8" } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    return {
      ok: false,
      issue: { location: "body", message: `is not valid JSON${position ? ` (at position ${position})` : ""}` },
    };
  }
}

export function headerBag(headers: Headers): Record<string, string> {
  const bag: Record<string, string> = {};
  headers.forEach((value, name) => {
    bag[name] = value;
  });
  return bag;
}

export function validateRequest(
  validator: SpecValidator,
  op: OperationFacts,
  request: Pick<Request, "headers" | "url">,
  params: Record<string, string>,
  bytes: Uint8Array,
): ParsedRequest {
  const header = headerBag(request.headers);
  const requested = op.language ? request.headers.get(op.language.name) : null;
  const language = (
    op.language && requested !== null && op.language.values.includes(requested)
      ? requested
      : (op.language?.default ?? "en-us")
  ) as Language;

  const query = queryBag(request.url);
  const issues: ValidationIssue[] = [
    ...validator.validateParameters(op.api, op.operationId, { path: params, header, query }).issues,
  ];
  if (op.requestContentType === null) {
    return issues.length > 0 ? { ok: false, issues, language } : { ok: true, body: undefined, query, language, params };
  }
  const typeIssue = contentTypeIssue(op.requestContentType, request.headers.get("content-type"));
  if (typeIssue) issues.push(typeIssue);
  const parsed = parseJson(bytes);
  if (!parsed.ok) {
    issues.push(parsed.issue);
  } else {
    issues.push(...validator.validateRequestBody(op.api, op.operationId, parsed.value).issues);
  }
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues, language };
  return { ok: true, body: parsed.value, query, language, params };
}

/** The query string's parameters; a name given twice counts once (its first value). */
export function queryBag(url: string): Record<string, string> {
  // No prototype: a parameter named `__proto__` or `constructor` is just a name here.
  const bag = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URL(url).searchParams) if (!(name in bag)) bag[name] = value;
  return bag;
}
