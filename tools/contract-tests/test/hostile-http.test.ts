// Hostile HTTP against the two servers this repository ships: the standalone mock server and the docs
// static server, over raw sockets (node:net) where fetch would tidy the request up. Every case gets a
// documented answer (or a prompt close), nothing is left hanging, no credential reaches a log, and the
// server keeps serving. Loopback only, bounded in count and time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentials, projectId } from "../src/harness.js";

// Two servers: one with the default timeouts for the body and request-target cases (a 20 MB upload
// must not run into a short request timeout on a busy machine), one with short timeouts and a small
// connection cap for the slow-client cases.
const limits = {
  maxBodyBytes: 64 * 1024,
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  maxHeaderBytes: 8 * 1024,
  maxConnections: 24,
};
const logs: string[] = [];
let mock: RunningMockServer;
let strict: RunningMockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 3, log: (line) => logs.push(line), maxBodyBytes: limits.maxBodyBytes });
  strict = await startMockServer({ port: 0, seed: 3, log: (line) => logs.push(line), ...limits });
});
afterAll(async () => {
  await mock.close();
  await strict.close();
});

const ddsPath = `/dds/v3/${projectId}/instances/db-upgrade`;
const validBody = JSON.stringify({ instance_ids: [`${"f".repeat(32)}in02`] });

interface Exchange {
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** A socket error the client saw (ECONNRESET, ...), if any. */
  error?: string;
  /** Whether the server closed the connection (rather than the test timing out). */
  closed: boolean;
  ms: number;
}

/** Opens a socket, lets `drive` write to it, and collects the answer until the server closes it or `waitMs` passes. */
function exchange(port: number, drive: (socket: net.Socket) => void, waitMs = 5_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    let error: string | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, error, closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on("close", () => finish(true));
    socket.on("connect", () => drive(socket));
  });
}

function parse(text: string): { status: number; headers: Record<string, string>; body: any } {
  const [head = "", ...rest] = text.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  const raw = rest.join("\r\n\r\n");
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    /* the assertion on the body says so */
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

// Every request asks the server to close after answering: the test never half-closes its side (a
// client FIN before the answer would make Node end the connection early, which is not the case here).
const head = (method: string, path: string, headers: Record<string, string | number>) =>
  `${method} ${path} HTTP/1.1\r\n${Object.entries({ Connection: "close", ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;

async function stillServes(server: RunningMockServer = mock): Promise<void> {
  const answer = await fetch(`${server.url}${ddsPath}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": credentials.token },
    body: validBody,
  });
  expect(answer.status).toBe(202);
}

describe("mock server: bodies over the limit get their 400, not a reset", () => {
  /** Writes `body` in 64 KiB pieces, one per event-loop turn, as curl and most clients do. */
  const paced = (socket: net.Socket, body: Buffer) => {
    let offset = 0;
    const next = () => {
      if (offset >= body.length || socket.destroyed || !socket.writable) return;
      const piece = body.subarray(offset, offset + 64 * 1024);
      offset += piece.length;
      socket.write(piece, () => setImmediate(next));
    };
    next();
  };
  const bigBody = Buffer.alloc(3 * 1024 * 1024, 0x61);
  const bigHead = (extra: Record<string, string> = {}) =>
    head("POST", ddsPath, {
      Host: "127.0.0.1",
      "Content-Type": "application/json",
      "X-Auth-Token": credentials.token,
      "Content-Length": bigBody.length,
      ...extra,
    });

  function expectOversized400(result: Exchange, label: string) {
    expect(result.error, label).toBeUndefined();
    const answer = parse(result.text);
    expect(answer.status, label).toBe(400);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body).toMatchObject({
      error_code: "DBS.200001",
      error_msg: expect.stringContaining(`larger than ${limits.maxBodyBytes} bytes`),
    });
    expect(result.closed).toBe(true);
  }

  it("a 3 MB Content-Length body sent in pieces: 400 DBS.200001 with Connection: close and no reset, 10 times of 10", async () => {
    for (let i = 0; i < 10; i++) {
      const result = await exchange(mock.port, (socket) => {
        socket.write(bigHead());
        paced(socket, bigBody);
      });
      expectOversized400(result, `try ${i}`);
    }
  });

  it("with Expect: 100-continue (curl's way above 1 MB) the 400 comes before any body byte is asked for, 10 times of 10", async () => {
    for (let i = 0; i < 10; i++) {
      let continued = false;
      const result = await exchange(mock.port, (socket) => {
        socket.write(bigHead({ Expect: "100-continue" }));
        socket.once("data", (first: Buffer) => {
          // Like curl: send the body on 100 Continue, stop on a final answer.
          if (first.toString("latin1").startsWith("HTTP/1.1 100")) {
            continued = true;
            paced(socket, bigBody);
          }
        });
      });
      expectOversized400(result, `try ${i}`);
      expect(continued).toBe(false);
    }
  });

  it("fetch streaming 20 MB (chunked) reads the 400, 5 times of 5", async () => {
    for (let i = 0; i < 5; i++) {
      const chunk = new Uint8Array(256 * 1024).fill(0x61);
      let sent = 0;
      const status = await fetch(`${mock.url}${ddsPath}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Auth-Token": credentials.token },
        body: new ReadableStream({
          pull(controller) {
            if (sent >= 20 * 1024 * 1024) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        }),
        duplex: "half",
      } as RequestInit).then(
        async (r) => `${r.status} ${(await r.json()).error_code}`,
        (e: Error) => `rejected: ${(e.cause as Error | undefined)?.message ?? e.message}`,
      );
      expect(status, `try ${i}`).toBe("400 DBS.200001");
    }
    await stillServes();
  });
});

describe("mock server: requests fetch cannot represent are answered, not dropped", () => {
  it("a Host with userinfo gets 400 DBS.200001, and no log line carries the credentials", async () => {
    logs.length = 0;
    const result = await exchange(mock.port, (socket) =>
      socket.write(
        head("POST", ddsPath, {
          Host: `user:pass@127.0.0.1:${mock.port}`,
          "Content-Type": "application/json",
          "X-Auth-Token": credentials.token,
          "Content-Length": Buffer.byteLength(validBody),
        }) + validBody,
      ),
    );
    const answer = parse(result.text);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_code: "DBS.200001", error_msg: expect.stringMatching(/Host/) });
    expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(logs.join("\n")).not.toMatch(/user:pass|pass@/);
  });

  it("an absolute-form target with credentials gets 400, and the log keeps the path only", async () => {
    logs.length = 0;
    const result = await exchange(mock.port, (socket) =>
      socket.write(
        head("POST", `http://user:pass@127.0.0.1:${mock.port}${ddsPath}`, {
          Host: "127.0.0.1",
          "Content-Type": "application/json",
          "X-Auth-Token": credentials.token,
          "Content-Length": Buffer.byteLength(validBody),
        }) + validBody,
      ),
    );
    expect(parse(result.text).status).toBe(400);
    expect(logs.join("\n")).not.toMatch(/user|pass@/);
    expect(logs.join("\n")).toContain(ddsPath);
  });

  it.each(["TRACE", "CONNECT"])("%s gets 405 with Allow and a gateway error body", async (method) => {
    const path = method === "CONNECT" ? "127.0.0.1:443" : ddsPath;
    const result = await exchange(mock.port, (socket) =>
      socket.write(
        head(method, path, {
          Host: "127.0.0.1",
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(validBody),
        }) + validBody,
      ),
    );
    const answer = parse(result.text);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toMatch(/POST/);
    expect(answer.body).toMatchObject({
      error_code: expect.stringMatching(/^APIGW\./),
      error_msg: expect.stringContaining(method),
    });
  });

  it("a failure inside the server after the body was read gets the documented 500, not an empty reply", async () => {
    const { http } = await import("msw");
    mock.use(
      http.all("*", () => {
        throw new Error(`handler failed for ${credentials.token}`);
      }),
    );
    try {
      const result = await exchange(mock.port, (socket) =>
        socket.write(
          head("POST", ddsPath, {
            Host: "127.0.0.1",
            "Content-Type": "application/json",
            "X-Auth-Token": credentials.token,
            "Content-Length": Buffer.byteLength(validBody),
          }) + validBody,
        ),
      );
      const answer = parse(result.text);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error_code: "DBS.00114000", error_msg: "Internal system error." });
    } finally {
      mock.resetHandlers();
    }
    expect(logs.join("\n")).not.toContain(credentials.token);
  });

  it("no log line ever carries the token, the keys or a Host's userinfo", async () => {
    const all = logs.join("\n");
    for (const secret of Object.values(credentials)) expect(all).not.toContain(secret);
    await stillServes();
  });
});

describe("mock server: slow and greedy clients are released", () => {
  it("headers that never finish get 408 after headersTimeoutMs and the connection is closed", async () => {
    const result = await exchange(
      strict.port,
      (socket) => socket.write(`POST ${ddsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `),
      10_000,
    );
    expect(result.closed).toBe(true);
    const answer = parse(result.text);
    expect(answer.status).toBe(408);
    expect(answer.body).toMatchObject({ error_code: "DBS.200001" });
  });

  it("headers over maxHeaderBytes get 431", async () => {
    const result = await exchange(strict.port, (socket) =>
      socket.write(head("POST", ddsPath, { Host: "127.0.0.1", "X-Big": "a".repeat(limits.maxHeaderBytes + 1024) })),
    );
    expect(parse(result.text).status).toBe(431);
  });

  it("20 clients trickling a chunked body and never reading are all answered 408 and closed within the request timeout", async () => {
    const trickle = (socket: net.Socket) => {
      socket.write(
        head("POST", ddsPath, {
          Host: "127.0.0.1",
          "Content-Type": "application/json",
          "X-Auth-Token": credentials.token,
          "Transfer-Encoding": "chunked",
        }),
      );
      const timer = setInterval(() => (socket.writable ? socket.write("1\r\na\r\n") : clearInterval(timer)), 50);
      socket.on("close", () => clearInterval(timer));
      socket.pause(); // never reads
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => exchange(strict.port, trickle, 15_000)));
    for (const r of results) {
      expect(r.closed).toBe(true);
      expect(r.ms).toBeLessThan(15_000);
    }
    await stillServes(strict);
  });

  // The cap's shedding rule in detail (and the refusal when every slot is answering): slow-flood.test.ts.
  it("past maxConnections of silent connections, a new client is answered and the oldest silent one is closed", async () => {
    const idle: net.Socket[] = [];
    const idleClosed: Promise<void>[] = [];
    for (let i = 0; i < limits.maxConnections; i++) {
      idle.push(
        await new Promise<net.Socket>((resolve) => {
          const s = net.connect(strict.port, "127.0.0.1", () => resolve(s));
          s.on("error", () => {});
          idleClosed.push(new Promise((r) => s.on("close", () => r())));
        }),
      );
    }
    const extra = await exchange(
      strict.port,
      (socket) => socket.write(head("POST", ddsPath, { Host: "127.0.0.1", "Content-Length": 0 })),
      5_000,
    );
    expect(extra.closed).toBe(true);
    expect(parse(extra.text).status).toBe(401);
    await idleClosed[0];
    for (const s of idle) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    await stillServes(strict);
  });
});

describe("docs static server", () => {
  type StaticServer = { url: string; port: number; close: () => Promise<void> };
  let docs: StaticServer;
  let base: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "hostile-docs-"));
    mkdirSync(join(base, "specs"));
    writeFileSync(
      join(base, "index.html"),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src &#39;self&#39;"><title>portal</title>`,
    );
    writeFileSync(join(base, "specs", "dds.yaml"), "openapi: 3.1.0\n");
    const modulePath = "@dbupgrade/docs/src/static-server.mjs";
    const { startStaticServer } = (await import(modulePath)) as {
      startStaticServer: (o: { root: string; port: number }) => Promise<StaticServer>;
    };
    docs = await startStaticServer({ root: base, port: 0 });
  });
  afterAll(async () => {
    await docs?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it.each([
    "/.//evil.example/x%2F..%2F..%2Fspecs",
    "//evil.example/..%2Fspecs",
    "/%2F%2Fevil.example%2F..%2F..%2Fspecs",
    "/./specs",
  ])("never redirects off-origin: %s", async (path) => {
    const answer = parse(
      (await exchange(docs.port, (socket) => socket.write(head("GET", path, { Host: "127.0.0.1" })))).text,
    );
    if (answer.status === 301) expect(answer.headers.location).toBe("/specs/");
    else expect([400, 404]).toContain(answer.status);
  });

  it("sends the page's CSP as a header with frame-ancestors, and X-Frame-Options", async () => {
    const answer = parse(
      (await exchange(docs.port, (socket) => socket.write(head("GET", "/", { Host: "127.0.0.1" })))).text,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-security-policy"]).toBe(
      "default-src 'none'; img-src 'self'; frame-ancestors 'none'",
    );
    expect(answer.headers["x-frame-options"]).toBe("DENY");
  });

  it("TRACE, a Host with userinfo and garbage bytes are answered, and it keeps serving", async () => {
    expect(
      parse((await exchange(docs.port, (s) => s.write(head("TRACE", "/", { Host: "127.0.0.1" })))).text).status,
    ).toBe(405);
    expect(
      parse((await exchange(docs.port, (s) => s.write(head("GET", "/", { Host: "user:pass@127.0.0.1" })))).text).status,
    ).toBe(200);
    expect((await exchange(docs.port, (s) => s.write(Buffer.from([0, 255, 13, 10, 13, 10])))).text).toMatch(
      /^HTTP\/1\.1 400/,
    );
    expect((await fetch(docs.url)).status).toBe(200);
  });
});
