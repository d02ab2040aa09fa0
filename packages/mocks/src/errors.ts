// Error codes and texts the mock answers with. Codes and English texts that the specs document
// (as named examples) are read from them; the rest is marked below with where it comes from.
import type { ApiName } from "@dbupgrade/specs";
import { firstResponseExampleOf, responseExample } from "./spec-examples.js";

export interface ErrorBody {
  error_code: string;
  error_msg: string;
}

export interface GatewayErrorBody extends ErrorBody {
  request_id: string;
}

/** The languages of `error_msg` texts (the `X-Language` values of TaurusDB and openGauss). */
export type Language = "en-us" | "zh-cn";

function errorBody(value: unknown, what: string): ErrorBody {
  const v = value as Partial<ErrorBody> | undefined;
  if (typeof v?.error_code !== "string" || typeof v.error_msg !== "string") {
    throw new Error(`the spec example for ${what} is not an {error_code, error_msg} body`);
  }
  return { error_code: v.error_code, error_msg: v.error_msg };
}

function rejectedResult(): { code: string; message: string } {
  const value = firstResponseExampleOf("geminidb", "batchUpgradeDatabaseVersion", 202).value as {
    upgrade_results: { error_code?: string; error_message?: string }[];
  };
  const rejected = value.upgrade_results.find((r) => r.error_code !== undefined);
  if (!rejected?.error_code || !rejected.error_message) {
    throw new Error("the GeminiDB 202 example has no rejected instance to take DBS.200011 from");
  }
  return { code: rejected.error_code, message: rejected.error_message };
}

let cache: ReturnType<typeof derive> | undefined;

function derive() {
  const parameterError = errorBody(firstResponseExampleOf("geminidb", "batchUpgradeDatabaseVersion", 400).value, "400");
  const gateway = errorBody(firstResponseExampleOf("geminidb", "batchUpgradeDatabaseVersion", 401).value, "401");
  const internal = errorBody(firstResponseExampleOf("geminidb", "batchUpgradeDatabaseVersion", 500).value, "500");
  const taurusNotFound = errorBody(
    responseExample("taurusdb", "batchUpgradeDatabases", "InstanceNotFound").value,
    "taurusdb InstanceNotFound",
  );
  // DBS.200002, the 404 the DDS and GeminiDB error-code tables list.
  const instanceNotFound = errorBody(
    firstResponseExampleOf("geminidb", "batchUpgradeDatabaseVersion", 404).value,
    "404",
  );
  const statusNotAllowed = rejectedResult();
  return { parameterError, gateway, internal, taurusNotFound, instanceNotFound, statusNotAllowed };
}

/** Facts taken from the spec examples, derived on first use. */
export function specErrors(): ReturnType<typeof derive> {
  cache ??= derive();
  return cache;
}

/** Codes the specs do not document: the API Gateway's code for an unknown API. */
export const undocumentedCodes = {
  apiNotFound: "APIGW.0101",
  /** @deprecated The specs document DBS.200002 now (404): use `specErrors().instanceNotFound.error_code`. */
  get instanceNotFound(): string {
    return specErrors().instanceNotFound.error_code;
  },
} as const;

const zh = {
  parameterError: "参数错误",
  instanceNotFound: "实例不存在。",
  statusNotAllowed: "实例当前状态不允许执行该操作。",
  internal: "系统内部错误。",
} as const;

/** Texts of the service's own errors, in the request's language. */
export function messages(language: Language) {
  const facts = specErrors();
  const en = language === "en-us";
  return {
    /** A DBS.200001 message: the spec example's "Parameter error", then which field and why. */
    parameterError: (details: string) => `${en ? facts.parameterError.error_msg : zh.parameterError}: ${details}`,
    instanceNotFound: (id: string) =>
      en
        ? `${facts.taurusNotFound.error_msg.replace(/\.$/, "")}: ${id}.`
        : `${zh.instanceNotFound.replace(/。$/, "")}：${id}。`,
    statusNotAllowed: en ? facts.statusNotAllowed.message : zh.statusNotAllowed,
    internal: en ? facts.internal.error_msg : zh.internal,
  };
}
