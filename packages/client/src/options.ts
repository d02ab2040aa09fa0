// Options shared by the four clients. Auth secrets given here stay in closures: they are never stored on
// a client object or an error.

/** IAM token auth: sent as `X-Auth-Token`. */
export interface TokenAuth {
  token: string;
}

/** AK/SK auth: every request is signed with `SDK-HMAC-SHA256`. Add `securityToken` for temporary keys. */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

export type ClientAuth = TokenAuth | AkSkAuth;

/** A `fetch` that takes a `Request` (the shape openapi-fetch calls). */
export type FetchLike = (request: Request) => Promise<Response>;

interface CommonClientOptions {
  /** Project ID of the tenant in the region: filled into every path (and signed as `X-Project-Id`). */
  projectId: string;
  auth: ClientAuth;
  /** Defaults to `globalThis.fetch`, looked up on every call (so MSW or other patches apply whenever installed). */
  fetch?: FetchLike;
  /**
   * Aborts a call (and reports `DbUpgradeTimeoutError`) after this many milliseconds. Default: none
   * (0), like fetch; Node's fetch still gives up after 300 s without response headers.
   */
  timeoutMs?: number;
  /** Aborts every call of this client. */
  signal?: AbortSignal;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Clock for `X-Sdk-Date` when signing (tests pin it). Default `() => new Date()`. */
  now?: () => Date;
}

/** Where to send requests: a `region` of the API's endpoint table, or any `baseUrl` (a mock server, a proxy). */
export type EndpointOption<Region extends string = string> =
  | { region: Region | (string & {}); baseUrl?: undefined }
  | { baseUrl: string; region?: undefined };

export type ClientOptions<Region extends string = string> = CommonClientOptions & EndpointOption<Region>;

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export interface LanguageCallOptions<Language extends string> extends CallOptions {
  language?: Language;
}

/** No client-side timeout unless `timeoutMs` is set. */
export const DEFAULT_TIMEOUT_MS = 0;

export function isAkSkAuth(auth: ClientAuth): auth is AkSkAuth {
  return "accessKey" in auth;
}
