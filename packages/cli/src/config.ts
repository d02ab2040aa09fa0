// Where to send requests and as whom. Precedence: flags, then environment, then the config file.
// Credentials never come from a flag (it would show in `ps` and shell history): environment variables
// (the official SDKs' HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, or DBUPGRADE_TOKEN) or the config file.
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { configError } from "./errors.js";
import type { SecretScrubber } from "./secrets.js";
import type { Env } from "./terminal.js";

export const ENV = {
  accessKey: "HUAWEICLOUD_SDK_AK",
  secretKey: "HUAWEICLOUD_SDK_SK",
  securityToken: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  projectId: "HUAWEICLOUD_SDK_PROJECT_ID",
  region: "DBUPGRADE_REGION",
  token: "DBUPGRADE_TOKEN",
  endpoint: "DBUPGRADE_ENDPOINT",
  config: "DBUPGRADE_CONFIG",
} as const;

export type Auth = { token: string } | { accessKey: string; secretKey: string; securityToken?: string };

export interface ConnectionFlags {
  region?: string | undefined;
  projectId?: string | undefined;
  endpoint?: string | undefined;
  config?: string | undefined;
}

export interface Connection {
  projectId: string;
  region: string | undefined;
  /** Base URL of the service's API (a mock, a proxy); wins over region. */
  endpoint: string | undefined;
  auth: Auth;
  /** Where the credentials came from, for --verbose (never the values). */
  authSource: string;
}

/** The config file's fields. Unknown fields are refused (a typo would otherwise be silently ignored). */
export interface ConfigFile {
  region?: string;
  projectId?: string;
  /** One URL, or one per service: `{ "dds": "http://127.0.0.1:4010/dds" }`. */
  endpoint?: string | Record<string, string>;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  token?: string;
}

const configFields = new Set(["region", "projectId", "endpoint", "accessKey", "secretKey", "securityToken", "token"]);

export function defaultConfigPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "dbupgrade", "config.json");
}

/** Reads the config file: the named one must exist; the default one is optional. */
export function loadConfigFile(
  flags: ConnectionFlags,
  env: Env,
  warn: (line: string) => void,
): { path: string; config: ConfigFile } | undefined {
  const named = flags.config ?? (env[ENV.config] || undefined);
  const path = named ?? defaultConfigPath(env);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (named === undefined && code === "ENOENT") return undefined;
    throw configError(`cannot read config file ${path}: ${code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw configError(`config file ${path} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw configError(`config file ${path} must hold a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    if (!configFields.has(key))
      throw configError(
        `config file ${path}: unknown field ${JSON.stringify(key)} (known: ${[...configFields].join(", ")})`,
      );
    const ok =
      typeof value === "string" ||
      (key === "endpoint" &&
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.values(value).every((v) => typeof v === "string"));
    if (!ok)
      throw configError(
        `config file ${path}: field ${key} must be a string${key === "endpoint" ? " or an object of strings" : ""}`,
      );
  }
  const config = parsed as ConfigFile;
  if ((config.secretKey || config.token) && process.platform !== "win32") {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0)
      warn(`warning: config file ${path} holds credentials and is readable by others (chmod 600 it)`);
  }
  return { path, config };
}

function authFrom(env: Env, file: { path: string; config: ConfigFile } | undefined): { auth: Auth; source: string } {
  const ak = env[ENV.accessKey] || undefined;
  const sk = env[ENV.secretKey] || undefined;
  if (ak !== undefined || sk !== undefined) {
    if (ak === undefined || sk === undefined)
      throw configError(
        `${ak === undefined ? ENV.accessKey : ENV.secretKey} is not set (${ak === undefined ? ENV.secretKey : ENV.accessKey} is): set both`,
      );
    const securityToken = env[ENV.securityToken] || undefined;
    return {
      auth: { accessKey: ak, secretKey: sk, ...(securityToken ? { securityToken } : {}) },
      source: `AK/SK from ${ENV.accessKey}/${ENV.secretKey}`,
    };
  }
  const token = env[ENV.token] || undefined;
  if (token !== undefined) return { auth: { token }, source: `token from ${ENV.token}` };
  const config = file?.config;
  if (config?.accessKey || config?.secretKey) {
    if (!config.accessKey || !config.secretKey)
      throw configError(`config file ${file!.path}: accessKey and secretKey go together`);
    return {
      auth: {
        accessKey: config.accessKey,
        secretKey: config.secretKey,
        ...(config.securityToken ? { securityToken: config.securityToken } : {}),
      },
      source: `AK/SK from ${file!.path}`,
    };
  }
  if (config?.token) return { auth: { token: config.token }, source: `token from ${file!.path}` };
  throw configError(
    `no credentials: set ${ENV.accessKey} and ${ENV.secretKey} (or ${ENV.token}), or put them in ${file?.path ?? "a config file (--config)"}`,
  );
}

function endpointFrom(value: ConfigFile["endpoint"], service: string): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return Object.hasOwn(value, service) ? value[service] : undefined;
}

/** Resolves the connection for one service; registers every secret with the scrubber first. */
export function resolveConnection(
  service: string,
  flags: ConnectionFlags,
  env: Env,
  scrubber: SecretScrubber,
  warn: (line: string) => void,
): Connection {
  for (const name of [ENV.secretKey, ENV.securityToken, ENV.token]) scrubber.add(env[name]);
  const file = loadConfigFile(flags, env, warn);
  scrubber.add(file?.config.secretKey);
  scrubber.add(file?.config.securityToken);
  scrubber.add(file?.config.token);
  const { auth, source } = authFrom(env, file);
  const projectId = flags.projectId ?? (env[ENV.projectId] || undefined) ?? file?.config.projectId;
  if (projectId === undefined)
    throw configError(`no project id: pass --project-id, set ${ENV.projectId}, or put projectId in the config file`);
  const endpoint = flags.endpoint ?? (env[ENV.endpoint] || undefined) ?? endpointFrom(file?.config.endpoint, service);
  const region = flags.region ?? (env[ENV.region] || undefined) ?? file?.config.region;
  if (endpoint === undefined && region === undefined)
    throw configError(
      `no region: pass --region (or --endpoint for a mock or proxy), set ${ENV.region}, or put region in the config file`,
    );
  return { projectId, region: endpoint === undefined ? region : undefined, endpoint, auth, authSource: source };
}
