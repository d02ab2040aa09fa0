// A slow-client flood against the standalone mock server, over raw sockets on 127.0.0.1: 300 slow
// connections (silent, headers trickling, a body trickling, pipelined requests never read) against
// its 256-connection cap, then normal clients. The ones sent while the flood is held are served
// (>= 95 %), and every slow connection is released by the server in the end. No wall-clock
// thresholds: the flood counts as held until the server answers the first slow connection with its
// 408 (its timeouts are the server's own configuration), and the counts are bounded.
import net from "node:net";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { http, HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { credentials, projectId } from "../src/harness.js";

const FLOOD = 300;
const NORMAL = 120;
const NORMAL_IN_FLIGHT = 4;
const TRICKLE_EVERY_MS = 250;
/** How long the test waits for the server to release the flood after the normal clients (a bound, not an assertion). */
const RELEASE_WAIT_MS = 30_000;

const ddsPath = `/dds/v3/${projectId}/instances/db-upgrade`;
const body = JSON.stringify({ instance_ids: [`${"f".repeat(32)}in02`] });
const request = (connection: "close" | "keep-alive") =>
  `POST ${ddsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Auth-Token: ${credentials.token}\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: ${connection}\r\n\r\n${body}`;

let server: RunningMockServer;
beforeAll(async () => {
  // The defaults except shorter timeouts, so that the flood ends within the test.
  server = await startMockServer({ port: 0, seed: 5, headersTimeoutMs: 8_000, requestTimeoutMs: 10_000 });
});
afterAll(() => server.close());

type Kind = "silent" | "slow headers" | "slow body" | "never reads";
const kinds: Kind[] = ["silent", "slow headers", "slow body", "never reads"];

interface SlowClient {
  kind: Kind;
  socket: net.Socket;
  text: string;
  /** The server closed the connection (the test never closes a slow one before the end). */
  released: Promise<void>;
  isReleased: boolean;
}

/** The flood is held until the first slow connection gets an answer (the server's 408). */
let firstAnswerToTheFlood = false;

function openSlow(kind: Kind, port: number): Promise<SlowClient> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let timer: NodeJS.Timeout | undefined;
    let release!: () => void;
    const client: SlowClient = {
      kind,
      socket,
      text: "",
      isReleased: false,
      released: new Promise<void>((r) => (release = r)),
    };
    socket.on("error", () => {});
    socket.on("data", (chunk) => {
      client.text += chunk.toString("latin1");
      if (kind !== "never reads") firstAnswerToTheFlood = true;
    });
    socket.on("close", () => {
      clearInterval(timer);
      client.isReleased = true;
      release();
    });
    const trickle = (piece: string) => {
      timer = setInterval(() => socket.writable && socket.write(piece), TRICKLE_EVERY_MS);
    };
    socket.on("connect", () => {
      if (kind === "slow headers") {
        socket.write(`POST ${ddsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
        trickle("X-Slow: a\r\n");
      } else if (kind === "slow body") {
        socket.write(
          `POST ${ddsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
            `X-Auth-Token: ${credentials.token}\r\nContent-Length: 100000\r\n\r\n{`,
        );
        trickle(" ");
      } else if (kind === "never reads") {
        // Two complete keep-alive requests, then nothing: their answers are never read.
        socket.write(request("keep-alive") + request("keep-alive"));
        socket.pause();
      }
      resolve(client);
    });
  });
}

/** One normal client: a request on a new connection, its answer read to the end. */
function normalRequest(port: number): Promise<{ status: number; duringFlood: boolean }> {
  return new Promise((resolve) => {
    const duringFlood = !firstAnswerToTheFlood;
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    socket.on("error", () => {});
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("close", () => resolve({ status: Number(text.split(" ")[1] ?? 0) || 0, duringFlood }));
    socket.on("connect", () => socket.write(request("close")));
  });
}

it(`under a ${FLOOD}-connection slow flood, >= 95 % of normal requests are served, and every slow connection is released`, async () => {
  const flood: SlowClient[] = [];
  // In waves of 50 (one at a time is slow on a busy machine), each wave's kinds mixed.
  for (let wave = 0; wave < FLOOD; wave += 50) {
    const size = Math.min(50, FLOOD - wave);
    flood.push(
      ...(await Promise.all(
        Array.from({ length: size }, (_, i) => openSlow(kinds[(wave + i) % kinds.length]!, server.port)),
      )),
    );
  }

  const results: { status: number; duringFlood: boolean }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: NORMAL_IN_FLIGHT }, async () => {
      while (next < NORMAL) {
        next++;
        results.push(await normalRequest(server.port));
      }
    }),
  );
  const during = results.filter((r) => r.duringFlood);
  const served = during.filter((r) => r.status === 202).length;
  // The measurement means something only if enough requests went out while the flood was held.
  expect(during.length).toBeGreaterThanOrEqual(NORMAL / 2);
  expect(served / during.length).toBeGreaterThanOrEqual(0.95);

  // The never-readers read now, so that they see the server's close (their answers were sent long ago).
  for (const client of flood) if (client.kind === "never reads") client.socket.resume();
  await Promise.race([
    Promise.all(flood.map((c) => c.released)),
    new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS).unref()),
  ]);
  const held = flood.filter((c) => !c.isReleased);
  for (const c of held) c.socket.destroy();
  expect(held.map((c) => c.kind)).toEqual([]);

  const after = await normalRequest(server.port);
  expect(after.status).toBe(202);
}, 90_000);

describe("at the connection cap", () => {
  const cap = 8;
  let small: RunningMockServer;
  beforeAll(async () => {
    small = await startMockServer({ port: 0, seed: 5, maxConnections: cap });
  });
  afterAll(() => small.close());
  afterEach(() => small.resetHandlers());

  interface Held {
    socket: net.Socket;
    text: string;
    closed: Promise<void>;
    isClosed: boolean;
  }
  /** A connection the test holds open (it reads, so it sees the server's close). */
  const hold = (port: number, send?: string): Promise<Held> =>
    new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      let closed!: () => void;
      const held: Held = { socket, text: "", isClosed: false, closed: new Promise<void>((r) => (closed = r)) };
      socket.on("error", () => {});
      socket.on("data", (chunk) => (held.text += chunk.toString("latin1")));
      socket.on("close", () => {
        held.isClosed = true;
        closed();
      });
      socket.on("connect", () => {
        if (send) socket.write(send);
        resolve(held);
      });
    });
  const answered = (held: Held) =>
    new Promise<void>((resolve) => {
      const check = () => (held.text.includes("\r\n\r\n{") && held.text.endsWith("}") ? resolve() : undefined);
      held.socket.on("data", check);
      check();
    });

  it("a new client is served, and the oldest connection that has not completed a request is closed", async () => {
    const silent: Held[] = [];
    for (let i = 0; i < cap; i++) silent.push(await hold(small.port));
    expect((await normalRequest(small.port)).status).toBe(202);
    await silent[0]!.closed;
    expect(silent[0]!.text).toBe("");
    expect(silent.slice(1).filter((h) => h.isClosed)).toEqual([]);
    for (const h of silent) h.socket.destroy();
  });

  it("an answered keep-alive connection is kept over a stalled one, even an older one", async () => {
    const keptAlive = await hold(small.port, request("keep-alive"));
    await answered(keptAlive);
    const stalled: Held[] = [];
    // A slow header and a slow body among them.
    stalled.push(await hold(small.port, `POST ${ddsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n`));
    stalled.push(await hold(small.port, request("keep-alive").slice(0, -5)));
    for (let i = 2; i < cap - 1; i++) stalled.push(await hold(small.port));
    expect((await normalRequest(small.port)).status).toBe(202);
    await stalled[0]!.closed;
    expect(keptAlive.isClosed).toBe(false);
    expect(stalled.slice(1).filter((h) => h.isClosed)).toEqual([]);
    keptAlive.text = "";
    keptAlive.socket.write(request("keep-alive"));
    await answered(keptAlive);
    expect(keptAlive.text).toMatch(/^HTTP\/1\.1 202 /);
    for (const h of [keptAlive, ...stalled]) h.socket.destroy();
  });

  it("a connection answering a request is never closed: with every one answering the new client is refused, then served", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let allArrived!: () => void;
    const arrived = new Promise<void>((r) => (allArrived = r));
    let count = 0;
    small.use(
      http.post("*/dds/v3/:projectId/instances/db-upgrade", async () => {
        if (++count === cap) allArrived();
        await gate;
        return HttpResponse.json({ upgrade_results: [] }, { status: 202 });
      }),
    );
    const answering: Held[] = [];
    for (let i = 0; i < cap; i++) answering.push(await hold(small.port, request("close")));
    await arrived;
    // Every slot is answering a request: the newcomer is closed without an answer.
    const refused = await normalRequest(small.port);
    expect(refused.status).toBe(0);
    expect(answering.filter((h) => h.isClosed).map((h) => h.text)).toEqual([]);
    open();
    await Promise.all(answering.map((h) => h.closed));
    for (const h of answering) expect(h.text).toMatch(/^HTTP\/1\.1 202 /);
    small.resetHandlers();
    expect((await normalRequest(small.port)).status).toBe(202);
  });
});
