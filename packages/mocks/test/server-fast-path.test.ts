// The standalone server's fast path (prefix -> the one route's handler, no MSW scan) answers byte for
// byte what the MSW path answers. Two servers with the same seed get the same requests in the same
// order; one has a never-matching override installed, which sends every request through getResponse.
import { signRequest } from "@dbupgrade/aksk";
import { request as httpRequest } from "node:http";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { startMockServer, type RunningMockServer } from "../src/server.js";
import { allOperations, firstRequestExample, projectId, tokenHeaders, type OperationInfo } from "./support.js";

let fast: RunningMockServer;
let viaMsw: RunningMockServer;
beforeAll(async () => {
  fast = await startMockServer({ port: 0, seed: 7 });
  viaMsw = await startMockServer({ port: 0, seed: 7 });
  viaMsw.use(http.get("/__never__", () => HttpResponse.text("never")));
});
afterAll(async () => {
  await fast.close();
  await viaMsw.close();
});

interface RawAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One request over a fresh connection; the answer's status, headers (minus Date/keep-alive) and raw bytes. */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method, path, headers: { ...headers, Connection: "close" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const pairs: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({
            status: res.statusCode!,
            headers: pairs.filter(([name]) => !/^(date|connection|keep-alive)$/i.test(name)),
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function signedHeaders(
  port: number,
  op: OperationInfo,
  path: string,
  body: string,
  extra: Record<string, string> = {},
) {
  const headers = { "Content-Type": op.requestContentType, ...extra };
  return {
    ...headers,
    ...(await signRequest(
      { method: op.method, url: `http://127.0.0.1:${port}${path}`, headers, body },
      defaultMockCredentials,
      { projectId },
    )),
  };
}

type Case = {
  name: string;
  method: string;
  path: string;
  headers: (port: number) => Promise<Record<string, string>> | Record<string, string>;
  body?: string;
};

const cases: Case[] = allOperations.flatMap((op): Case[] => {
  const path = `/${op.api}${op.path.replace("{project_id}", projectId)}`;
  const body = JSON.stringify(firstRequestExample(op));
  const json = { "Content-Type": op.requestContentType };
  return [
    {
      name: `${op.api}.${op.operationId} token`,
      method: op.method,
      path,
      headers: () => ({ ...json, ...tokenHeaders }),
      body,
    },
    {
      name: `${op.api}.${op.operationId} token, same again`,
      method: op.method,
      path,
      headers: () => ({ ...json, ...tokenHeaders }),
      body,
    },
    {
      name: `${op.api}.${op.operationId} AK/SK`,
      method: op.method,
      path,
      headers: (port) => signedHeaders(port, op, path, body),
      body,
    },
    {
      name: `${op.api}.${op.operationId} bad signature`,
      method: op.method,
      path,
      headers: async (port) => ({ ...(await signedHeaders(port, op, path, body)), "X-Project-Id": "other" }),
      body,
    },
    { name: `${op.api}.${op.operationId} no auth`, method: op.method, path, headers: () => json, body },
    {
      name: `${op.api}.${op.operationId} invalid body`,
      method: op.method,
      path,
      headers: () => ({ ...json, ...tokenHeaders }),
      body: '{"unexpected":true}',
    },
    {
      name: `${op.api}.${op.operationId} not JSON`,
      method: op.method,
      path,
      headers: () => ({ ...json, ...tokenHeaders }),
      body: "{",
    },
    {
      name: `${op.api}.${op.operationId} wrong content type`,
      method: op.method,
      path,
      headers: () => ({ "Content-Type": "text/plain", ...tokenHeaders }),
      body,
    },
    {
      name: `${op.api}.${op.operationId} wrong method`,
      method: "PUT",
      path,
      headers: () => ({ ...json, ...tokenHeaders }),
      body,
    },
    {
      name: `${op.api}.${op.operationId} percent-encoded project id`,
      method: op.method,
      path: path.replace(projectId, encodeURIComponent(`${projectId} x`)),
      headers: () => ({ ...json, ...tokenHeaders }),
      body,
    },
    ...(op.language
      ? [
          {
            name: `${op.api}.${op.operationId} language`,
            method: op.method,
            path,
            headers: () => ({ ...json, ...tokenHeaders, [op.language!.name]: op.language!.values.at(-1)! }),
            body: "{",
          },
        ]
      : []),
  ];
});
cases.push(
  { name: "unknown path", method: "POST", path: "/geminidb/v3/x/nothing", headers: () => tokenHeaders, body: "{}" },
  {
    name: "unknown prefix",
    method: "POST",
    path: "/nosuchapi/v3/x/instances/db-upgrade",
    headers: () => tokenHeaders,
    body: "{}",
  },
  {
    name: "absolute-form target with credentials (a fetch Request refuses it)",
    method: "POST",
    path: `http://user:secret@127.0.0.1/geminidb/v3/${projectId}/instances/db-upgrade`,
    headers: () => ({ "Content-Type": "application/json", ...tokenHeaders }),
    body: JSON.stringify({ instance_ids: ["046287aae57843b1a7bc61b7a8812f41in13"] }),
  },
);

it.each(cases.map((c) => [c.name, c] as const))(
  "%s: same status, headers and bytes with and without the fast path",
  async (_name, c) => {
    const viaFast = await send(fast.port, c.method, c.path, await c.headers(fast.port), c.body);
    const viaHandlers = await send(viaMsw.port, c.method, c.path, await c.headers(viaMsw.port), c.body);
    expect(viaFast.status).toBe(viaHandlers.status);
    expect(viaFast.headers).toEqual(viaHandlers.headers);
    expect(viaFast.body.equals(viaHandlers.body), `${viaFast.body}\n${viaHandlers.body}`).toBe(true);
  },
);

it("the fleet moves the same way on both: the same upgrades accepted, with the same job ids", async () => {
  const accepted = (server: RunningMockServer) =>
    server.mock.fleet.jobs().map((job) => [job.api, job.id, job.instanceId, job.fromVersion, job.targetVersion]);
  const seeded = (
    await startMockServer({ port: 0, seed: 7 }).then(async (s) => [accepted(s), await s.close()])
  )[0] as unknown[];
  expect(accepted(fast).length).toBeGreaterThan(seeded.length);
  expect(accepted(fast)).toEqual(accepted(viaMsw));
});

it("the direct router finds every spec operation under its API's prefix, and nothing else", async () => {
  const { createMockCore } = await import("../src/mock-api.js");
  const router = createMockCore({ seed: 7 }).route;
  for (const op of allOperations) {
    const path = op.path.replace("{project_id}", projectId);
    expect(router(op.api, op.method, path), `${op.api} ${op.method} ${path}`).toBeTypeOf("function");
    expect(router(op.api, "PATCH", path)).toBeUndefined();
    expect(router(op.api, op.method, `${path}/extra`)).toBeUndefined();
    expect(router(op.api, op.method, `/prefix${path}`)).toBeUndefined();
  }
});

it("with debugSignatures, a refused signature's debug header comes out the same on both paths", async () => {
  const [a, b] = await Promise.all([
    startMockServer({ port: 0, seed: 9, debugSignatures: true }),
    startMockServer({ port: 0, seed: 9, debugSignatures: true }),
  ]);
  b.use(http.get("/__never__", () => HttpResponse.text("never")));
  try {
    const op = allOperations[0]!;
    const path = `/${op.api}${op.path.replace("{project_id}", projectId)}`;
    const body = JSON.stringify(firstRequestExample(op));
    const bad = async (port: number) => ({ ...(await signedHeaders(port, op, path, body)), "X-Project-Id": "other" });
    const viaFast = await send(a.port, op.method, path, await bad(a.port), body);
    const viaHandlers = await send(b.port, op.method, path, await bad(b.port), body);
    expect(viaFast.status).toBe(401);
    expect(viaFast.headers.some(([name]) => /debug-canonical-request/i.test(name))).toBe(true);
    // The debug header holds the canonical request, whose host line names each server's own port (so
    // its hash in stringToSign differs too): compare the canonical request with the port masked.
    const samePort = (answer: RawAnswer, port: number) =>
      answer.headers.map(([name, value]) => [
        name,
        /debug-canonical-request/i.test(name)
          ? (JSON.parse(atob(value)) as { canonicalRequest: string }).canonicalRequest.replaceAll(String(port), "PORT")
          : value,
      ]);
    expect(samePort(viaFast, a.port)).toEqual(samePort(viaHandlers, b.port));
    expect(viaFast.body.equals(viaHandlers.body)).toBe(true);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
