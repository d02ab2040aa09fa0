// The four APIs as MSW request handlers over one simulated fleet: every request goes through the
// gateway's authentication, the spec's validation, then the operation's simulated behaviour
// (or an override). Works the same in Node, in a browser service worker and behind node:http.
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { createSpecValidator, describeIssues, type SpecValidator } from "@dbupgrade/specs/validation";
import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { authenticate, SIGNATURE_DEBUG_HEADER } from "./auth.js";
import { defaultMockCredentials, type MockCredentials } from "./credentials.js";
import { messages, specErrors, type Language } from "./errors.js";
import { createFleet, type Fleet, type FleetOptions } from "./fleet.js";
import {
  applyScenario,
  checkScenario,
  type JobApiFault,
  type ScenarioName,
  type ScenarioOptions,
} from "./scenarios.js";
import type { DocumentedResponse, OperationIdOf } from "./operation-types.js";
import type { OperationInput, Outcome } from "./operations/outcome.js";
import type { OperationBehaviour } from "./services/mock-service.js";
import { mockServices } from "./services/registry.js";
import { createPrng, type Prng } from "./prng.js";
import { validateRequest, type OperationFacts } from "./request-validation.js";
import {
  exactRouteMatcher,
  operationRoutes,
  routePredicate,
  type BaseUrlOption,
  type OperationRoute,
} from "./routing.js";
import { firstResponseExampleOf, responseExample } from "./spec-examples.js";

export interface MockApiOptions extends FleetOptions {
  /** Where the APIs are mocked; default any origin (see `BaseUrlOption`). */
  baseUrl?: BaseUrlOption;
  /** Accepted token and AK/SK (default `defaultMockCredentials`); `false` skips authentication. */
  auth?: MockCredentials | false;
  /** Added before every answer. Default 0. */
  latencyMs?: number;
  /**
   * Local debugging only (the docs console's signature debugger; `pnpm start` turns it on): a 401
   * for a wrong signature carries the canonical request and string to sign the mock computed, in
   * the X-Dbupgrade-Debug-Canonical-Request header (base64 JSON). Never the key or the expected
   * signature. No real service sends it; the specs do not document it. Default false.
   */
  debugSignatures?: boolean;
  /** Called with errors thrown inside the mock (answered as a 500). Default: `console.error`. */
  onInternalError?: (error: unknown) => void;
}

/** Which operations an override or preset applies to: default every operation of every API. */
export interface OverrideScope {
  api?: ApiName | readonly ApiName[];
  /** Only the next `times` valid, authenticated requests get the override; then the normal answer. */
  times?: number;
}

export interface OverrideOptions {
  times?: number;
}

const networkError = Symbol("network error");

/** What an override answers with; `proceed()` gives the normal simulated answer. */
interface AnswerContext {
  api: ApiName;
  operationId: string;
  input: OperationInput;
  proceed(changes?: Partial<Pick<OperationInput, "forceReject">>): Outcome;
}

type Answerer = (context: AnswerContext) => Outcome | typeof networkError | Promise<Outcome | typeof networkError>;

/** The mock's clock: the fleet's time, which tests move by hand. */
export interface MockClock {
  /** Current mock time in ms since the epoch (the `clock` option plus everything advanced). */
  now(): number;
  /** Moves mock time forward; jobs start, finish and fail as their times pass. */
  advance(ms: number): void;
}

export interface MockApi {
  /** Handlers for all four APIs (the per-API lists concatenated). */
  readonly handlers: RequestHandler[];
  /** One list per API: pass only the ones a test needs, MSW scans handlers in order. */
  readonly handlersByApi: Readonly<Record<ApiName, RequestHandler[]>>;
  readonly fleet: Fleet;
  readonly clock: MockClock;
  readonly credentials: Readonly<MockCredentials> | false;
  /**
   * A handler that answers one operation with a fixed response; the status and body must be ones
   * the spec documents for it (checked by the compiler and again at runtime). Use it with
   * `server.use(...)` / `worker.use(...)`; requests that fail authentication or validation still
   * get their 401/400.
   */
  override<A extends ApiName, O extends OperationIdOf<A>>(
    api: A,
    operationId: O,
    response: DocumentedResponse<A, O>,
    options?: OverrideOptions,
  ): RequestHandler;
  /** A handler answering with the spec's named response example (e.g. `"PartiallyAccepted"`). */
  example<A extends ApiName>(
    api: A,
    operationId: OperationIdOf<A>,
    name: string,
    options?: OverrideOptions & { status?: number },
  ): RequestHandler;
  /** The last requested instance is refused (DBS.200011): per instance for GeminiDB/DDS, the whole batch otherwise. */
  partialFailure(scope?: OverrideScope): RequestHandler[];
  /** A documented 500 with the spec's example body. */
  serverError(scope?: OverrideScope): RequestHandler[];
  /** No response at all: `fetch` rejects with a TypeError (the standalone server drops the connection). */
  networkError(scope?: OverrideScope): RequestHandler[];
  /** The normal answer, `ms` later. */
  latency(ms: number, scope?: OverrideScope): RequestHandler[];
  /**
   * Turns on a scenario preset (see `ScenarioOptions`): a failing, hanging or instance-deleting job,
   * faults on the job APIs only, or a slow visibility delay. Scenarios last until `reset()`.
   */
  scenario<N extends ScenarioName>(name: N, options?: ScenarioOptions[N]): void;
  /**
   * The fleet back to its seeded state, scenarios off, request ids starting over. Overrides live
   * in MSW: `server.resetHandlers()`.
   */
  reset(): void;
}

interface RouteEntry extends OperationRoute {
  facts: OperationFacts;
  group: string;
  successStatus: number;
  batchProperty: string | null;
}

/** The fields of the generated operation metadata the handlers use. */
interface OperationMetaFields {
  requestContentType: string | null;
  group: string;
  language: OperationFacts["language"];
  successStatus: number;
  batch: { property: string } | null;
}

function routesOf(api: ApiName): RouteEntry[] {
  const operations = apiMeta[api].operations as unknown as Record<string, OperationMetaFields>;
  return operationRoutes(api).map((route) => {
    const meta = operations[route.operationId]!;
    return {
      ...route,
      facts: {
        api,
        operationId: route.operationId,
        requestContentType: meta.requestContentType,
        language: meta.language,
      },
      group: meta.group,
      successStatus: meta.successStatus,
      batchProperty: meta.batch?.property ?? null,
    };
  });
}

const utf8 = new TextEncoder();

/** What the handlers read of a request: a fetch Request has it, and so does the standalone server's fast path. */
export interface IncomingRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The body, read. */
  bytes: Uint8Array;
}

/** A JSON answer: the serialized body, its status and request id, and any other headers. */
export interface JsonAnswer {
  status: number;
  requestId: string;
  bytes: Uint8Array;
  /** Headers besides Content-Type, Content-Length and X-Request-Id (the signature debug header). */
  headers?: Record<string, string>;
  /** No body at all: no Content-Type, and `bytes` is empty. */
  empty?: boolean;
}

/** The answer's headers as a Response carries them: lower-case names in order, as `Headers` iterates them. */
export function answerHeaders(answer: JsonAnswer): Array<[string, string]> {
  // The MSW path copies a bodiless Response's headers, then sets content-length after them.
  if (answer.empty)
    return [...new Headers({ ...answer.headers, "X-Request-Id": answer.requestId }), ["content-length", "0"]];
  const headers = new Headers({
    ...answer.headers,
    "Content-Type": "application/json",
    "Content-Length": String(answer.bytes.byteLength),
    "X-Request-Id": answer.requestId,
  });
  return [...headers];
}

/** The answer as MSW hands it out: what HttpResponse.json makes (same headers and bytes), minus the Blob it builds to count the bytes. */
function toResponse(answer: JsonAnswer | typeof networkError): Response {
  if (answer === networkError) return HttpResponse.error();
  if (answer.empty)
    return new HttpResponse(null, {
      status: answer.status,
      headers: { ...answer.headers, "X-Request-Id": answer.requestId },
    });
  return new HttpResponse(answer.bytes as Uint8Array<ArrayBuffer>, {
    status: answer.status,
    headers: {
      ...answer.headers,
      "Content-Type": "application/json",
      "Content-Length": String(answer.bytes.byteLength),
      "X-Request-Id": answer.requestId,
    },
  });
}

let sharedValidator: SpecValidator | undefined;

/** One validator for every mock in the process: it compiles each schema once. */
function validator(): SpecValidator {
  sharedValidator ??= createSpecValidator();
  return sharedValidator;
}

function lastRequestedInstance(body: unknown, property: string | null): string | undefined {
  if (!property) return undefined;
  const items = (body as Record<string, unknown>)[property];
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const last = items[items.length - 1] as unknown;
  if (typeof last === "string") return last;
  const id = (last as { instance_id?: unknown })?.instance_id;
  return typeof id === "string" ? id : undefined;
}

export function createMockApi(options: MockApiOptions = {}): MockApi {
  return createMockCore(options).api;
}

/** A mock and the direct way into it that the standalone server uses. Internal: not exported from the package. */
export interface MockCore {
  /** What `createMockApi` returns. */
  api: MockApi;
  /** The route table of this mock: a request goes straight to its one route's answer (no MSW handler scan). */
  route: DirectRouter;
}

/** Builds a mock and its direct router. Internal: the standalone server's entry; everyone else uses `createMockApi`. */
export function createMockCore(options: MockApiOptions = {}): MockCore {
  const fleet = createFleet(options);
  const credentials = options.auth === false ? false : Object.freeze({ ...(options.auth ?? defaultMockCredentials) });
  const clock = options.clock ?? Date.now;
  const latencyMs = options.latencyMs ?? 0;
  const onInternalError =
    options.onInternalError ?? ((error: unknown) => console.error("[@dbupgrade/mocks] internal error", error));
  if (!(latencyMs >= 0)) throw new RangeError("latencyMs must be >= 0");
  const seed = options.seed ?? 1;
  let requestIds: Prng = createPrng(seed, "request-ids");
  const routes = Object.fromEntries(apiNames.map((api) => [api, routesOf(api)])) as Record<ApiName, RouteEntry[]>;

  let jobApiFaults: JobApiFault[] = [];

  // `undefined` is an answer without a body (a documented empty 200), not JSON.
  const json = (status: number, body: unknown, requestId: string): JsonAnswer =>
    body === undefined
      ? { status, requestId, bytes: new Uint8Array(0), empty: true }
      : { status, requestId, bytes: utf8.encode(JSON.stringify(body)) };

  /** The `jobApiErrors` scenario: a fault for this follow operation's request, if one is left. */
  const takeJobApiFault = (route: RouteEntry): JobApiFault | undefined => {
    if (route.group !== "follow") return undefined;
    const fault = jobApiFaults.find((f) => f.times > 0 && (f.api === undefined || f.api === route.api));
    if (fault) fault.times--;
    return fault;
  };

  async function answer(
    route: RouteEntry,
    request: IncomingRequest,
    params: Record<string, string>,
    answerer?: () => Answerer | undefined,
  ): Promise<JsonAnswer | typeof networkError> {
    const requestId = requestIds.hex(32);
    try {
      if (latencyMs > 0) await delay(latencyMs);
      const bytes = request.bytes;
      if (credentials) {
        const auth = await authenticate(request, bytes, credentials, clock(), options.debugSignatures === true);
        if (!auth.ok) {
          const refused = json(
            401,
            { error_code: specErrors().gateway.error_code, error_msg: auth.message, request_id: requestId },
            requestId,
          );
          if (auth.signatureDebug)
            refused.headers = { [SIGNATURE_DEBUG_HEADER]: btoa(JSON.stringify(auth.signatureDebug)) };
          return refused;
        }
      }
      const parsed = validateRequest(validator(), route.facts, request, params, bytes);
      if (!parsed.ok) {
        const text = messages(parsed.language).parameterError(describeIssues(parsed.issues));
        return json(400, { error_code: specErrors().parameterError.error_code, error_msg: text }, requestId);
      }
      const fault = takeJobApiFault(route);
      if (fault?.kind === "reset") return networkError;
      if (fault) return json(500, firstResponseExampleOf(route.api, route.operationId, 500).value, requestId);
      const input: OperationInput = {
        api: route.api,
        fleet,
        body: parsed.body,
        query: parsed.query,
        params: parsed.params,
        language: parsed.language,
        successStatus: route.successStatus,
      };
      const behaviour = (mockServices[route.api].operations as Record<string, OperationBehaviour>)[route.operationId]!;
      const proceed = (changes: Partial<Pick<OperationInput, "forceReject">> = {}) =>
        behaviour({ ...input, ...changes });
      const custom = answerer?.();
      const outcome = custom
        ? await custom({ api: route.api, operationId: route.operationId, input, proceed })
        : proceed();
      if (outcome === networkError) return networkError;
      return json(outcome.status, outcome.body, requestId);
    } catch (error) {
      onInternalError(error);
      const internal = specErrors().internal;
      return json(500, { error_code: internal.error_code, error_msg: messages("en-us").internal }, requestId);
    }
  }

  /** A handler for one route; with an answerer and `times`, it answers that many requests, then steps aside. */
  function handlerFor(route: RouteEntry, answerer?: Answerer, times = Number.POSITIVE_INFINITY): RequestHandler {
    let remaining = times;
    return http.all(routePredicate(route, options.baseUrl), async ({ request, params }) => {
      if (remaining <= 0) return undefined;
      const take = answerer
        ? () => {
            // Counted when the override is used (after auth and validation), so invalid requests do not consume it.
            if (remaining <= 0) return undefined;
            remaining--;
            return answerer;
          }
        : undefined;
      const incoming = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        bytes: new Uint8Array(await request.arrayBuffer()),
      };
      return toResponse(await answer(route, incoming, params as Record<string, string>, take));
    });
  }

  const route = directRouter(routes, async (entry, request, params) => {
    const answered = await answer(entry, request, params);
    return answered === networkError ? null : answered;
  });

  const handlersByApi = Object.fromEntries(
    apiNames.map((api) => [api, routes[api].map((r) => handlerFor(r))]),
  ) as Record<ApiName, RequestHandler[]>;

  const scoped = (scope: OverrideScope = {}): RouteEntry[] => {
    const apis = scope.api === undefined ? apiNames : typeof scope.api === "string" ? [scope.api] : scope.api;
    return apis.flatMap((api) => routes[api]);
  };

  const checkTimes = (times: number | undefined): number | undefined => {
    if (times !== undefined && !(Number.isInteger(times) && times > 0))
      throw new RangeError("times must be a positive integer");
    return times;
  };

  const routeOf = (api: ApiName, operationId: string): RouteEntry => {
    const route = routes[api]?.find((r) => r.operationId === operationId);
    if (!route) throw new Error(`unknown operation ${api}.${operationId}`);
    return route;
  };

  const checkedResponse = (api: ApiName, operationId: string, status: number, body: unknown): Outcome => {
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`status ${status} is not an HTTP status`);
    const result = validator().validateResponse(api, operationId, status, body);
    if (!result.valid)
      throw new TypeError(
        `${api}.${operationId} does not document this ${status} response: ${describeIssues(result.issues)}`,
      );
    return { status, body };
  };

  const preset = (scope: OverrideScope | undefined, make: (route: RouteEntry) => Answerer): RequestHandler[] =>
    scoped(scope).map((route) => handlerFor(route, make(route), checkTimes(scope?.times)));

  const api: MockApi = {
    handlers: apiNames.flatMap((api) => handlersByApi[api]),
    handlersByApi,
    fleet,
    clock: { now: () => fleet.now(), advance: (ms) => fleet.advance(ms) },
    credentials,
    scenario(name, scenarioOptions) {
      const checked = checkScenario(name, scenarioOptions);
      const fault = applyScenario(fleet, checked.name, checked.options as ScenarioOptions[typeof name]);
      if (fault) jobApiFaults.push(fault);
    },
    override(api, operationId, response, overrideOptions = {}) {
      const route = routeOf(api, operationId);
      const outcome = checkedResponse(api, operationId, response.status as number, response.body);
      return handlerFor(route, () => outcome, checkTimes(overrideOptions.times));
    },
    example(api, operationId, name, exampleOptions = {}) {
      const route = routeOf(api, operationId);
      const found = responseExample(api, operationId, name);
      const status = found.status === "default" ? exampleOptions.status : found.status;
      if (status === undefined) throw new Error(`example "${name}" is a default response: pass { status }`);
      const outcome = checkedResponse(api, operationId, status, found.value);
      return handlerFor(route, () => outcome, checkTimes(exampleOptions.times));
    },
    partialFailure(scope) {
      return preset(scope, (route) => ({ input, proceed }) => {
        const last = lastRequestedInstance(input.body, route.batchProperty);
        return proceed(last ? { forceReject: new Set([last]) } : {});
      });
    },
    serverError(scope) {
      return preset(scope, (route) => {
        const outcome = checkedResponse(
          route.api,
          route.operationId,
          500,
          firstResponseExampleOf(route.api, route.operationId, 500).value,
        );
        return () => outcome;
      });
    },
    networkError(scope) {
      return preset(scope, () => () => networkError);
    },
    latency(ms, scope) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError("latency(ms) needs a finite ms >= 0");
      return preset(scope, () => async ({ proceed }) => {
        await delay(ms);
        return proceed();
      });
    },
    reset() {
      fleet.reset();
      jobApiFaults = [];
      requestIds = createPrng(seed, "request-ids");
    },
  };
  return { api, route };
}

/**
 * Answers one request to one route: what the route's default MSW handler does, without MSW or a Request.
 * `null`: drop the connection without an answer (a scenario's connection reset).
 */
export type DirectAnswer = (request: IncomingRequest) => Promise<JsonAnswer | null>;
/**
 * Finds the one route of `api` for a method and a path (relative to the API's prefix): for the standalone
 * server, which knows the API from the path prefix, so a request goes straight to its one handler (no
 * handler scan, no request clone per handler).
 */
export type DirectRouter = (api: ApiName, method: string, path: string) => DirectAnswer | undefined;

function directRouter(
  routes: Record<ApiName, RouteEntry[]>,
  answer: (route: RouteEntry, request: IncomingRequest, params: Record<string, string>) => Promise<JsonAnswer | null>,
): DirectRouter {
  const table = Object.fromEntries(
    apiNames.map((api) => [api, routes[api].map((route) => ({ route, match: exactRouteMatcher(route.path) }))]),
  ) as Record<ApiName, Array<{ route: RouteEntry; match: (path: string) => Record<string, string> | undefined }>>;
  return (api, method, path) => {
    for (const { route, match } of table[api] ?? []) {
      if (route.method !== method) continue;
      const params = match(path);
      if (params) return (request) => answer(route, request, params);
    }
    return undefined;
  };
}

export type { Language };
