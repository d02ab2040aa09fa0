// End to end over a real socket: fetch sends what signRequest signed, and a node:http server verifies
// it from what arrives (req.url, IncomingHttpHeaders with the Host fetch wrote, the raw body bytes).
// This is the shape the mock server uses, so transport changes (header trimming, URL serialisation,
// Host with port) are covered. Loopback only, a bounded number of requests.
import fc from "fast-check";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signRequest, verifyRequest } from "../src/index.js";

const AK = "DBUPGRADELOCALAK0000";
const SK = "dbupgrade-local-secret-key";
let server: Server;
let origin: string;

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  return new Uint8Array(Buffer.concat(chunks));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const result = await verifyRequest(
      {
        method: req.method ?? "",
        url: `http://${req.headers.host}${req.url}`,
        headers: req.headers,
        body: await readBody(req),
      },
      (accessKey) => (accessKey === AK ? SK : undefined),
    );
    res.writeHead(result.ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const requestArbitrary = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
  path: fc.array(fc.string({ unit: "grapheme", maxLength: 6 }), { maxLength: 4 }),
  query: fc.array(
    fc.tuple(fc.string({ unit: "grapheme", maxLength: 5 }), fc.string({ unit: "grapheme", maxLength: 5 })),
    { maxLength: 4 },
  ),
  headers: fc.uniqueArray(
    fc.tuple(
      fc.constantFrom("X-Language", "X-Trace", "User-Agent", "Accept", "Content-Type"),
      fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,16}[\x21-\x7e])?$/),
    ),
    { selector: ([name]) => name, maxLength: 4 },
  ),
  body: fc.string({ unit: "grapheme", maxLength: 60 }),
  projectId: fc.stringMatching(/^[a-f0-9]{32}$/),
});

it("requests signed here and sent with fetch verify on a node:http server", async () => {
  const samples = fc.sample(requestArbitrary, { seed: 7, numRuns: 25 });
  for (const sample of samples) {
    const query = new URLSearchParams(sample.query).toString();
    const url = `${origin}/dds/v3/${sample.projectId}/${sample.path.map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
    const body = sample.method === "GET" ? undefined : sample.body;
    const headers = Object.fromEntries(sample.headers);
    const added = await signRequest(
      { method: sample.method, url, headers, body },
      { accessKey: AK, secretKey: SK },
      { projectId: sample.projectId },
    );
    const response = await fetch(url, { method: sample.method, headers: { ...headers, ...added }, body });
    expect({ sample, status: response.status, result: await response.json() }).toEqual({
      sample,
      status: 200,
      result: { ok: true, accessKey: AK },
    });
  }
  // 25 sequential loopback round trips: about 1 s alone, but over vitest's 5 s default on a loaded 2-core CI machine.
}, 30_000);

it("the same server rejects a request whose body changed after signing", async () => {
  const url = `${origin}/dds/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances/db-upgrade`;
  const headers = { "Content-Type": "application/json" };
  const added = await signRequest(
    { method: "POST", url, headers, body: '{"instance_ids":["a"]}' },
    { accessKey: AK, secretKey: SK },
  );
  const response = await fetch(url, {
    method: "POST",
    headers: { ...headers, ...added },
    body: '{"instance_ids":["b"]}',
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, reason: "signature-mismatch" });
});
