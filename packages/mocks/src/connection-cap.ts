// The connection cap of an http.Server, enforced with shedding instead of net.Server's
// `maxConnections` (which refuses every new client while the cap is full, however slow the clients
// holding it). Each connection's facts are kept from the server's events; when a new connection takes
// the count past the cap, one connection is closed at once (connection-shedding.ts picks which:
// stalled ones first, oldest first; never one answering a request), or the new one when all are
// answering. So the open sockets never exceed the cap, as before.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type ConnectionFacts, type ConnectionPhase, pickConnectionToShed } from "./connection-shedding.js";

export interface ConnectionCapOptions {
  maxConnections: number;
  /** A connection was closed to make room (its phase says why it was the one). */
  onShed?: (phase: ConnectionPhase) => void;
  /** The new connection was refused: every open connection is answering a request. */
  onRefused?: () => void;
}

interface Tracked {
  since: number;
  answered: number;
  /** Requests seen whose answer has not finished. */
  open: Set<IncomingMessage>;
  /** `socket.bytesRead` when the last answer finished: more since then is the next request arriving. */
  bytesAtLastAnswer: number;
}

export function enforceConnectionCap(server: Server, options: ConnectionCapOptions): void {
  // Insertion order is connection order; a closed or shed connection leaves at once.
  const tracked = new Map<Socket, Tracked>();
  const seen = new WeakSet<IncomingMessage>();
  let tick = 0;

  const factsOf = (socket: Socket): ConnectionFacts => {
    const t = tracked.get(socket)!;
    let answering = 0;
    let receiving = false;
    for (const req of t.open) {
      if (req.complete) answering++;
      else receiving = true;
    }
    if (t.open.size === 0 && socket.bytesRead > t.bytesAtLastAnswer) receiving = true;
    return { answered: t.answered, answering, receiving, writeBlocked: socket.writableLength > 0, since: t.since };
  };

  function* othersThan(socket: Socket): Generator<Socket> {
    for (const other of tracked.keys()) if (other !== socket) yield other;
  }

  server.on("connection", (socket: Socket) => {
    tracked.set(socket, { since: ++tick, answered: 0, open: new Set(), bytesAtLastAnswer: 0 });
    socket.once("close", () => tracked.delete(socket));
    if (tracked.size <= options.maxConnections) return;
    const victim = pickConnectionToShed(othersThan(socket), factsOf);
    const closing = victim?.connection ?? socket;
    tracked.delete(closing);
    closing.destroy();
    if (victim) options.onShed?.(victim.phase);
    else options.onRefused?.();
  });

  // Also reached for `Expect: 100-continue` requests, which the server emits as `request` once it continues.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const t = tracked.get(socket);
    if (!t || seen.has(req)) return;
    seen.add(req);
    t.open.add(req);
    t.since = ++tick;
    res.once("finish", () => {
      t.open.delete(req);
      t.answered++;
      t.since = ++tick;
      t.bytesAtLastAnswer = socket.bytesRead;
    });
    res.once("close", () => t.open.delete(req));
  });
}
