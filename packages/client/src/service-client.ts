// The machinery shared by the four clients: one openapi-fetch client per service, one method per
// operation of the spec's metadata (plus its throwing twin), auth, timeouts and error classification.
import createClient, { type Client, type FetchResponse } from "openapi-fetch";
import type { ApiName } from "@dbupgrade/meta";
import { callSignal } from "./call-signal.js";
import { resolveBaseUrl } from "./endpoint.js";
import { apiErrorFromResponse } from "./error-body.js";
import { DbUpgradeAbortError, DbUpgradeApiError, type OperationRef } from "./errors.js";
import { classifyFailure, type CallProgress } from "./failure.js";
import {
  DEFAULT_TIMEOUT_MS,
  isAkSkAuth,
  type CallOptions,
  type ClientOptions,
  type FetchLike,
  type LanguageCallOptions,
} from "./options.js";
import { createRedactor, redactAuthHeaders, type Redactor } from "./redact.js";
import { BodyRecordingRequest, createRequestSigner } from "./signing.js";
import { defaultTransport } from "#default-transport";
import { withLazyResponse, type LiteRequest, type LiteResponse, type LiteSend } from "./transport/lite.js";

/** Any media type: the APIs use `application/json` and `application/json;charset=UTF-8`. */
export type Media = `${string}/${string}`;

/** The parts of `@dbupgrade/meta` a client needs. */
export interface OperationMetaLike {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly successStatus: number;
  readonly language: { readonly name: string; readonly values: readonly string[]; readonly default: string } | null;
  /** `null` for an operation without a request body (the GET job and instance operations). */
  readonly requestContentType: string | null;
}

export interface ServiceMetaLike {
  readonly api: ApiName;
  readonly endpoints: Readonly<Record<string, string>>;
  readonly operations: Readonly<Record<string, OperationMetaLike>>;
}

type AnyOperation = Record<string | number, any>;

/** The request body of an openapi-typescript operation (whatever its media type). */
export type RequestBodyOf<Op> = Op extends { requestBody: { content: infer C } } ? C[keyof C] : undefined;

/** openapi-fetch's `{ data, error, response }` for an operation. */
export type OperationResult<Op extends AnyOperation> = FetchResponse<Op, {}, Media>;
/** The body of the operation's success response. */
export type OperationData<Op extends AnyOperation> = NonNullable<OperationResult<Op>["data"]>;
/** The union of the operation's documented error bodies. */
export type OperationErrorBody<Op extends AnyOperation> = NonNullable<OperationResult<Op>["error"]>;
/** The body documented for one status (or `default`) of an operation. */
export type OperationResponseBody<
  Op extends AnyOperation,
  Status extends keyof Op["responses"],
> = Op["responses"][Status] extends {
  content: infer C;
}
  ? C[keyof C]
  : undefined;

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};
type PathPart<P> = P extends { path: infer Path }
  ? keyof Omit<Path, "project_id"> extends never
    ? {}
    : { path: Omit<Path, "project_id"> }
  : {};
type QueryPart<P> = P extends { query: infer Q }
  ? [Q] extends [never | undefined]
    ? {}
    : { query: Q }
  : P extends { query?: infer Q }
    ? [NonNullable<Q>] extends [never]
      ? {}
      : { query?: NonNullable<Q> }
    : {};
/** The parameters of an operation without a request body: its path parameters (project_id is filled in) and query. */
export type OperationParams<Op> = PathPart<ParametersOf<Op>> & QueryPart<ParametersOf<Op>>;

/** An operation with a body takes `(body, init?)`; one without (the GETs) `(params, init?)`, params optional when nothing is required. */
type OperationArgs<Op, Call> = Op extends { requestBody: { content: unknown } }
  ? [body: RequestBodyOf<Op>, init?: Call]
  : {} extends OperationParams<Op>
    ? [params?: OperationParams<Op>, init?: Call]
    : [params: OperationParams<Op>, init?: Call];

export type OperationMethods<Ops, Call> = {
  [K in keyof Ops & string]: Ops[K] extends AnyOperation
    ? (...args: OperationArgs<Ops[K], Call>) => Promise<OperationResult<Ops[K]>>
    : never;
} & {
  [K in keyof Ops & string as `${K}OrThrow`]: Ops[K] extends AnyOperation
    ? (...args: OperationArgs<Ops[K], Call>) => Promise<OperationData<Ops[K]>>
    : never;
};

export interface ServiceClientBase<Paths extends {}> {
  readonly api: ApiName;
  /** The endpoint the client calls (from `region` or `baseUrl`). */
  readonly baseUrl: string;
  readonly projectId: string;
  /** The underlying openapi-fetch client: same endpoint, auth and signing; no timeout or error mapping. */
  readonly raw: Client<Paths, Media>;
}

export type ServiceClient<Paths extends {}, Ops, Call extends CallOptions = CallOptions> = ServiceClientBase<Paths> &
  OperationMethods<Ops, Call>;

// The client's redactor, for helpers that build errors from its results (batch runs). Not enumerable.
const redactorKey = Symbol("dbupgrade.redactor");

/** The redactor of a client built here (it knows the client's secrets); a header-only one otherwise. */
export function redactorOf(client: object): Redactor {
  return (client as { [redactorKey]?: Redactor })[redactorKey] ?? redactAuthHeaders;
}

/**
 * Hands the (signed) request to fetch, recording how far the call got. Returns fetch's own promise (no
 * extra async hop on the hot path); the recording reaction runs before openapi-fetch resumes.
 */
function dispatch(send: FetchLike, prepared: Request, ready: Request, progress: CallProgress): Promise<Response> {
  // Aborted while signing: nothing was sent, and fetch must not be started.
  if (prepared.signal.aborted) return Promise.reject(prepared.signal.reason);
  progress.sent = true;
  const pending = send(ready);
  pending.then(
    (response) => {
      progress.response = response;
    },
    () => {},
  );
  return pending;
}

/** Merges a caller's `{ path, query }` into the fixed parameters; path values must be non-empty strings. */
function withOperationParams(
  fixed: { path: Record<string, string>; header?: Record<string, string> },
  given: unknown,
  operation: OperationRef,
) {
  if (given === undefined) return fixed;
  if (given === null || typeof given !== "object")
    throw new TypeError(`${operation.api}.${operation.operationId}: params must be { path?, query? }`);
  const { path, query } = given as { path?: Record<string, unknown>; query?: Record<string, unknown> };
  for (const [name, value] of Object.entries(path ?? {})) {
    if (typeof value !== "string" || value === "")
      throw new TypeError(
        `${operation.api}.${operation.operationId}: path parameter ${name} must be a non-empty string`,
      );
  }
  return {
    ...fixed,
    path: { ...(path as Record<string, string> | undefined), ...fixed.path },
    ...(query === undefined ? {} : { query }),
  };
}

/** The default Node transport's twin of dispatch: no Request or Response objects. */
function dispatchLite(send: LiteSend, request: LiteRequest, progress: CallProgress): Promise<LiteResponse> {
  if (request.signal?.aborted) return Promise.reject(request.signal.reason);
  progress.sent = true;
  return send(request, (head) => {
    // A failure after the answer began (a body cut short or not JSON) reports a Response: built only then.
    Object.defineProperty(progress, "response", { get: head, configurable: true });
  });
}

/** A Response for errors: the lite answer's, built on demand. */
function realResponse(response: Response | LiteResponse): Response {
  return "toResponse" in response ? response.toResponse() : response;
}

type DynamicRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response | LiteResponse }>;

function requireText(value: unknown, what: string, api: string): void {
  if (typeof value !== "string" || value === "")
    throw new TypeError(`${api} client: ${what} must be a non-empty string`);
}

export function buildServiceClient<Paths extends {}, Ops, Call extends CallOptions = CallOptions>(
  meta: ServiceMetaLike,
  options: ClientOptions & { language?: string | undefined },
): ServiceClient<Paths, Ops, Call> {
  const api = meta.api;
  requireText(options.projectId, "projectId", api);
  // The project id is a path segment: "." would drop a segment and ".." climb one (POST /dds/instances/...).
  if (options.projectId === "." || options.projectId === "..") {
    throw new TypeError(`${api} client: projectId must not be "." or ".." (a dot segment changes the request path)`);
  }
  const { auth } = options;
  if (auth === null || typeof auth !== "object")
    throw new TypeError(`${api} client: auth must be { token } or { accessKey, secretKey }`);
  if (isAkSkAuth(auth)) {
    requireText(auth.accessKey, "auth.accessKey", api);
    requireText(auth.secretKey, "auth.secretKey", api);
    if (auth.securityToken !== undefined) requireText(auth.securityToken, "auth.securityToken", api);
  } else {
    requireText(auth.token, "auth.token", api);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
    throw new RangeError(`${api} client: timeoutMs must be a finite number >= 0`);
  const baseUrl = resolveBaseUrl(meta, options);
  const projectId = options.projectId;
  const operations = Object.values(meta.operations);
  const checkLanguage = (language: string, op?: OperationMetaLike): void => {
    const takers = op ? [op] : operations;
    for (const candidate of takers) {
      if (candidate.language === null) throw new TypeError(`${api}.${candidate.operationId} does not take X-Language`);
      if (!candidate.language.values.includes(language)) {
        throw new RangeError(
          `${api}: language must be one of ${candidate.language.values.join(", ")}, got ${JSON.stringify(language)}`,
        );
      }
    }
  };
  if (options.language !== undefined) checkLanguage(options.language);

  const redact = createRedactor(isAkSkAuth(auth) ? [auth.accessKey, auth.secretKey, auth.securityToken] : [auth.token]);
  const userFetch = options.fetch;
  // No `fetch` option: node:http in Node, the global fetch (looked up on every call) elsewhere.
  const send: FetchLike = userFetch ?? defaultTransport.fetch;
  // Operation calls on the default Node transport skip WHATWG Request/Response objects (transport/lite.ts).
  let lite = userFetch === undefined ? defaultTransport.lite : undefined;
  const sign = isAkSkAuth(auth) ? createRequestSigner(auth, projectId, options.now ?? (() => new Date())) : undefined;
  const baseHeaders: Record<string, string> = { ...options.headers };
  if (!isAkSkAuth(auth)) baseHeaders["X-Auth-Token"] = auth.token;
  const raw = createClient<Paths, Media>({
    baseUrl,
    fetch: sign ? async (request) => send(await sign(request)) : send,
    headers: baseHeaders,
    // Signing (and the node:http fetch) use the body the Request was built with instead of reading it back.
    Request: BodyRecordingRequest,
    // A redirect would replay X-Auth-Token to wherever it points; these APIs never redirect.
    redirect: "error",
  });
  const request = (raw as unknown as { request: DynamicRequest }).request;
  // Middleware added through client.raw.use() applies to operation calls too, and expects real Requests.
  const use = raw.use;
  raw.use = (...middleware) => {
    lite = undefined;
    use(...middleware);
  };
  const clientSignal = options.signal;

  const client: Record<string, unknown> = { api, baseUrl, projectId, raw };
  Object.defineProperty(client, redactorKey, { value: redact, enumerable: false });
  for (const op of operations) {
    const operation: OperationRef = { api, operationId: op.operationId };
    const pathParams = { project_id: projectId };
    const paramsFor = (language: string | undefined) =>
      op.language !== null && language !== undefined
        ? { path: pathParams, header: { [op.language.name]: language } }
        : { path: pathParams };
    const defaultParams = paramsFor(options.language);
    // openapi-fetch sends application/json by default; other media types (charset=UTF-8) are set here.
    const contentType =
      op.requestContentType === null || op.requestContentType === "application/json"
        ? undefined
        : { "Content-Type": op.requestContentType };

    // Operations without a request body take their parameters where the body would be.
    const takesParams = op.requestContentType === null;
    const call = async (
      first: unknown,
      init?: LanguageCallOptions<string>,
    ): Promise<{ data?: unknown; error?: unknown; response: Response | LiteResponse }> => {
      if (init?.language !== undefined) checkLanguage(init.language, op);
      const body = takesParams ? undefined : first;
      const params = init?.language === undefined ? defaultParams : paramsFor(init.language);
      const callTimeoutMs = init?.timeoutMs ?? timeoutMs;
      const signal = callSignal(clientSignal, init?.signal, callTimeoutMs);
      if (signal.signal?.aborted) {
        signal.dispose();
        throw new DbUpgradeAbortError(operation, { mayHaveReachedServer: false, cause: signal.signal.reason, redact });
      }
      const progress: CallProgress = { sent: false, response: undefined };
      const viaLite = lite;
      try {
        return await request(op.method, op.path, {
          params: takesParams ? withOperationParams(params, first, operation) : params,
          body,
          headers:
            init?.headers === undefined
              ? contentType
              : contentType === undefined
                ? init.headers
                : { ...contentType, ...init.headers },
          signal: signal.signal,
          // undefined: openapi-fetch's own (the client's BodyRecordingRequest).
          Request: viaLite?.Request,
          fetch:
            viaLite === undefined
              ? (prepared: Request) =>
                  sign === undefined
                    ? dispatch(send, prepared, prepared, progress)
                    : sign(prepared).then((ready) => dispatch(send, prepared, ready, progress))
              : // The signer sets its headers on the LiteRequest in place (its body is recorded).
                (prepared: LiteRequest) =>
                  sign === undefined
                    ? dispatchLite(viaLite.send, prepared, progress)
                    : sign(prepared as unknown as Request).then(() => dispatchLite(viaLite.send, prepared, progress)),
        });
      } catch (error) {
        throw classifyFailure(error, {
          operation,
          progress,
          timedOut: signal.timedOut,
          timeoutMs: callTimeoutMs,
          abortedByCaller: signal.abortedByCaller,
          redact,
        });
      } finally {
        signal.dispose();
      }
    };

    // With a `fetch` option the result is openapi-fetch's as is (no extra step per call).
    client[op.operationId] =
      lite === undefined
        ? call
        : (first: unknown, init?: LanguageCallOptions<string>) =>
            call(first, init).then((result) =>
              "toResponse" in result.response ? withLazyResponse(result, result.response) : result,
            );
    client[`${op.operationId}OrThrow`] = async (first: unknown, init?: LanguageCallOptions<string>) => {
      const { data, error, response } = await call(first, init);
      if (error !== undefined || !response.ok)
        throw apiErrorFromResponse(error, realResponse(response), operation, redact);
      // Every documented success body is a JSON object: anything else (empty, null, an array, a
      // string) is not what the types promise, so it is an error rather than a typed lie.
      if (data === undefined || data === null || typeof data !== "object" || Array.isArray(data)) {
        throw new DbUpgradeApiError(
          {
            status: response.status,
            errorCode: undefined,
            errorMsg: undefined,
            requestId: response.headers.get("X-Request-Id") ?? undefined,
          },
          operation,
          {
            redact,
            response: realResponse(response),
            reason:
              data === undefined
                ? "and an empty body"
                : `and a body that is not a JSON object (${Array.isArray(data) ? "an array" : data === null ? "null" : typeof data})`,
          },
        );
      }
      return data;
    };
  }
  return client as ServiceClient<Paths, Ops, Call>;
}
