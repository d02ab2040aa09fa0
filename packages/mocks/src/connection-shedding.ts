// Which connection to close when the server is at its connection cap and a new client arrives. A
// cap full of slow clients (headers or a body trickling in, a socket that never sends, a client that
// never reads) would otherwise refuse every new client until the slow ones time out. The rule, from
// most to least sheddable:
//   1. stalled: the server is waiting for a request that has not fully arrived (nothing yet, part of
//      the headers, part of the body). It has cost a slot without giving the server anything to answer.
//   2. unread-answer: a complete request whose answer the client does not take (the answer is stuck in
//      the send buffer). The server did its part; the client stopped reading.
//   3. idle: a keep-alive connection that was answered and waits for its next request. Closing it is
//      cheap (HTTP clients reopen an idle connection the server closed), but it belongs to a client
//      that behaved, so it goes only when no slow connection is left (as nginx reclaims idle
//      keep-alive connections when it runs out).
//   4. answering: a complete request is being answered. Never shed: the request may have changed the
//      fleet, and its client would lose the answer. When every slot is answering, the new client is
//      refused (closed at once), as before.
// Within a class the connection that has waited longest goes first (oldest first): every connection
// gets at least the time the cap takes to fill with newer ones to complete its request, and a new
// client, the youngest, is never the one a flood pushes out. A pure function of the facts, so the
// rule is tested without sockets.

/** What a connection is doing, from the server's side. */
export type ConnectionPhase = "stalled" | "unread-answer" | "idle" | "answering";

export interface ConnectionFacts {
  /** Requests answered in full on this connection. */
  answered: number;
  /** Requests received in full whose answer has not finished. */
  answering: number;
  /** Bytes of a request that has not fully arrived: part of the headers, or headers without the whole body. */
  receiving: boolean;
  /** Answer bytes queued that the client has not taken. */
  writeBlocked: boolean;
  /** When the connection last made progress (opened, completed a request, was answered): any increasing count. */
  since: number;
}

/** The classes that may be shed, most sheddable first; `answering` is never shed. */
export const shedOrder: readonly ConnectionPhase[] = ["stalled", "unread-answer", "idle"];

export function phaseOf(facts: ConnectionFacts): ConnectionPhase {
  if (facts.answering > 0) return facts.writeBlocked ? "unread-answer" : "answering";
  if (facts.receiving || facts.answered === 0) return "stalled";
  return "idle";
}

/**
 * The connection to close so that a new client can be served, or undefined when every connection is
 * answering a request (then the new client is the one refused).
 */
export function pickConnectionToShed<T>(
  connections: Iterable<T>,
  factsOf: (connection: T) => ConnectionFacts,
): { connection: T; phase: ConnectionPhase } | undefined {
  let best: { connection: T; phase: ConnectionPhase; rank: number; since: number } | undefined;
  for (const connection of connections) {
    const facts = factsOf(connection);
    const phase = phaseOf(facts);
    const rank = shedOrder.indexOf(phase);
    if (rank < 0) continue;
    if (!best || rank < best.rank || (rank === best.rank && facts.since < best.since)) {
      best = { connection, phase, rank, since: facts.since };
    }
  }
  return best && { connection: best.connection, phase: best.phase };
}
