// The standalone server's own endpoints, outside the API prefixes: the root page (`GET /`, HTML or
// JSON by Accept) and the admin endpoints that move the fleet (`/__admin/*`, loopback clients only).
import type { IncomingMessage } from "node:http";
import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import type { MockApi } from "./mock-api.js";
import { scenarioNames } from "./scenarios.js";

export interface PlainAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const adminEndpoints = [
  {
    method: "POST",
    path: "/__admin/reset",
    body: "{}",
    does: "Puts the fleet back to its seeded state, scenarios off, time back to the real clock.",
  },
  {
    method: "POST",
    path: "/__admin/advance",
    body: '{"ms": 60000} or {"settle": true}',
    does: "Moves mock time forward, or finishes every job now.",
  },
  {
    method: "POST",
    path: "/__admin/scenario",
    body: '{"name": "failingJob", "api": "dds", ...}',
    does: `Turns on a scenario: ${scenarioNames.join(", ")}.`,
  },
  {
    method: "GET",
    path: "/__admin/state",
    body: "",
    does: "Mock time, scenarios' effects and every job with its status.",
  },
] as const;

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** Only clients on this machine may move the fleet: the check is on the socket, not on a header. */
export function isLoopback(req: IncomingMessage): boolean {
  return loopback.has(req.socket.remoteAddress ?? "");
}

const json = (status: number, value: unknown): PlainAnswer => ({
  status,
  contentType: "application/json",
  body: JSON.stringify(value),
});
const refuse = (status: number, error: string): PlainAnswer => json(status, { error });

function parseObject(bytes: Uint8Array): Record<string, unknown> | string {
  if (bytes.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return "the body is not valid JSON";
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : "the body must be a JSON object";
}

function state(mock: MockApi) {
  return {
    now: mock.clock.now(),
    jobs: mock.fleet.jobs().map((j) => ({
      api: j.api,
      id: j.id,
      instanceId: j.instanceId,
      kind: j.kind,
      status: j.status,
      startsAt: j.startsAt,
      completesAt: j.completesAt,
      visibleAt: j.visibleAt,
      ...(j.failReason ? { failReason: j.failReason } : {}),
    })),
  };
}

/** Answers `/__admin/*`; `undefined` for any other path. */
export function answerAdmin(
  mock: MockApi,
  req: IncomingMessage,
  path: string,
  bytes: Uint8Array,
): PlainAnswer | undefined {
  if (!path.startsWith("/__admin/")) return undefined;
  if (!isLoopback(req)) return refuse(403, "the admin endpoints answer loopback clients only");
  const endpoint = adminEndpoints.find((e) => e.path === path);
  if (!endpoint) return refuse(404, `no admin endpoint ${path}; see GET /`);
  if (req.method !== endpoint.method)
    return { ...refuse(405, `${path} takes ${endpoint.method}`), headers: { Allow: endpoint.method } };
  if (endpoint.method === "GET") return json(200, state(mock));
  const body = parseObject(bytes);
  if (typeof body === "string") return refuse(400, body);
  try {
    switch (path) {
      case "/__admin/reset":
        if (Object.keys(body).length > 0) return refuse(400, "reset takes an empty object");
        mock.reset();
        return json(200, { ok: true, now: mock.clock.now() });
      case "/__admin/advance": {
        const keys = Object.keys(body).sort().join(",");
        if (keys === "settle" && body.settle === true) mock.fleet.settle();
        else if (
          keys === "ms" &&
          typeof body.ms === "number" &&
          Number.isFinite(body.ms) &&
          body.ms >= 0 &&
          body.ms <= 366 * 86_400_000
        )
          mock.clock.advance(body.ms);
        else return refuse(400, 'advance takes {"ms": <0 to 366 days in ms>} or {"settle": true}');
        return json(200, { ok: true, now: mock.clock.now() });
      }
      default: {
        const { name, ...options } = body;
        mock.scenario(name as never, options as never);
        return json(200, { ok: true });
      }
    }
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return refuse(400, error.message);
    throw error;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the server mocks, for `GET /`. */
export function describeServer(baseUrlOf: (api: ApiName) => string) {
  return {
    name: "dbupgrade-mock",
    services: apiNames.map((api) => ({
      api,
      title: apiMeta[api].title,
      baseUrl: baseUrlOf(api),
      operations: Object.values(apiMeta[api].operations).map((op) => ({
        operationId: op.operationId,
        group: op.group,
        method: op.method,
        path: op.path,
        summary: op.summary,
      })),
    })),
    admin: adminEndpoints.map((e) => ({ ...e })),
    scenarios: [...scenarioNames],
  };
}

/** `GET /`: HTML for a browser, JSON otherwise. */
export function answerRoot(req: IncomingMessage, baseUrlOf: (api: ApiName) => string): PlainAnswer {
  const info = describeServer(baseUrlOf);
  if (!/text\/html/i.test(String(req.headers.accept ?? ""))) return json(200, info);
  const rows = info.services
    .map(
      (s) =>
        `<h2>${escapeHtml(s.title)} <small><code>${escapeHtml(s.baseUrl)}</code></small></h2>\n<table><tr><th>group</th><th>operation</th><th>method</th><th>path</th></tr>` +
        s.operations
          .map(
            (o) =>
              `<tr><td>${o.group}</td><td>${escapeHtml(o.operationId)}</td><td>${o.method}</td><td><code>${escapeHtml(o.path)}</code></td></tr>`,
          )
          .join("") +
        "</table>",
    )
    .join("\n");
  const admin = info.admin
    .map(
      (e) =>
        `<tr><td>${e.method}</td><td><code>${e.path}</code></td><td><code>${escapeHtml(e.body)}</code></td><td>${escapeHtml(e.does)}</td></tr>`,
    )
    .join("");
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dbupgrade-mock</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style></head>
<body><h1>dbupgrade-mock</h1><p>The Huawei Cloud batch-upgrade APIs with their job, task and instance APIs, over one simulated fleet. <code>Accept: application/json</code> gives this page as JSON.</p>
${rows}
<h2>Admin endpoints (loopback clients only)</h2><table><tr><th>method</th><th>path</th><th>body</th><th>does</th></tr>${admin}</table>
<p>Scenarios: ${info.scenarios.map((s) => `<code>${s}</code>`).join(", ")}.</p></body></html>`;
  return {
    status: 200,
    contentType: "text/html; charset=utf-8",
    body,
    headers: {
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    },
  };
}
