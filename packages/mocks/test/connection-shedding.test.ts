// The shedding rule on its own: which connection goes when a new client arrives at the cap.
import { describe, expect, it } from "vitest";
import { type ConnectionFacts, phaseOf, pickConnectionToShed } from "../src/connection-shedding.js";

const facts = (over: Partial<ConnectionFacts> & { since: number }): ConnectionFacts => ({
  answered: 0,
  answering: 0,
  receiving: false,
  writeBlocked: false,
  ...over,
});

const silent = (since: number) => facts({ since });
const slowHeaders = (since: number) => facts({ since, receiving: true });
const slowBody = (since: number) => facts({ since, receiving: true, answered: 2 });
const idle = (since: number) => facts({ since, answered: 1 });
const answering = (since: number) => facts({ since, answering: 1 });
const unreadAnswer = (since: number) => facts({ since, answering: 1, writeBlocked: true });

const pick = (connections: Record<string, ConnectionFacts>) =>
  pickConnectionToShed(Object.keys(connections), (name) => connections[name]!)?.connection;

describe("phaseOf", () => {
  it("names what the server waits for", () => {
    expect([silent(1), slowHeaders(1), slowBody(1)].map(phaseOf)).toEqual(["stalled", "stalled", "stalled"]);
    expect(phaseOf(idle(1))).toBe("idle");
    expect(phaseOf(answering(1))).toBe("answering");
    expect(phaseOf(unreadAnswer(1))).toBe("unread-answer");
    // A pipelined request arriving behind one being answered: the answer protects the connection.
    expect(phaseOf(facts({ since: 1, answering: 1, receiving: true }))).toBe("answering");
  });
});

describe("pickConnectionToShed", () => {
  it("sheds the oldest stalled connection, whatever kind of stall", () => {
    expect(pick({ a: slowBody(5), b: silent(3), c: slowHeaders(4) })).toBe("b");
    expect(pick({ a: slowBody(2), b: silent(3), c: slowHeaders(4) })).toBe("a");
  });

  it("keeps answered keep-alive connections and unread answers over stalled ones, even older ones", () => {
    expect(pick({ old: idle(1), unread: unreadAnswer(2), young: slowHeaders(9) })).toBe("young");
  });

  it("then an answer the client does not read, then the least recently used idle connection", () => {
    expect(pick({ a: idle(1), b: unreadAnswer(5), c: answering(0) })).toBe("b");
    expect(pick({ a: idle(4), b: idle(2), c: answering(0) })).toBe("b");
  });

  it("never sheds a connection answering a request: none is picked when all are", () => {
    expect(pick({ a: answering(1), b: answering(2) })).toBeUndefined();
    expect(pick({})).toBeUndefined();
  });
});
