// The journal: every instance is on disk as `sending` before the request carrying it leaves, and on
// disk with its answer right after. Checked at the wire: a fetch wrapper reads the report file at the
// instant each request is handed over.
import { readFileSync } from "node:fs";
import { createDdsClient, upgradeDdsInBatches, type BatchOptions, type BatchOutcome } from "@dbupgrade/client";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { submitWithJournal } from "../src/apply/submit.js";
import type { ReportFile } from "../src/report/types.js";
import { newStore, projectId } from "./support/report.js";

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 3 });
});
afterAll(() => server.close());
beforeEach(() => server.mock.reset());

function available(n: number): string[] {
  while (server.mock.fleet.instances("dds", { status: "available" }).length < n)
    server.mock.fleet.add("dds", { status: "available" });
  return server.mock.fleet
    .instances("dds", { status: "available" })
    .slice(0, n)
    .map((i) => i.id);
}

function ddsClient(fetchHook?: (request: Request) => void, token = defaultMockCredentials.token) {
  return createDdsClient({
    baseUrl: server.baseUrlOf("dds"),
    projectId,
    auth: { token },
    fetch: (request) => {
      fetchHook?.(request);
      return globalThis.fetch(request);
    },
  });
}

const onDisk = (path: string): ReportFile => JSON.parse(readFileSync(path, "utf8")) as ReportFile;

describe("submitting with a journal", () => {
  it("saves each request's instances as sending before the request leaves, and the answers after", async () => {
    const ids = available(23);
    const store = newStore("dds", ids);
    const seenAtTheWire: string[][] = [];
    const client = ddsClient(() => {
      const file = onDisk(store.path);
      seenAtTheWire.push(file.instances.filter((i) => i.submission?.status === "sending").map((i) => i.instanceId));
    });
    const result = await submitWithJournal(
      store,
      [{ inputs: ids }],
      (inputs, options) => upgradeDdsInBatches(client, inputs, options),
      { concurrency: 1 },
    );
    expect(result).toMatchObject({ requests: 3, interrupted: false, authRefusal: undefined, journalError: undefined });
    // concurrency 1: at each request, exactly that request's instances are in flight on disk.
    expect(seenAtTheWire.map((s) => s.length)).toEqual([10, 10, 3]);
    expect(new Set(seenAtTheWire.flat())).toEqual(new Set(ids));
    const final = onDisk(store.path);
    expect(final.instances.map((i) => i.submission?.status)).toEqual(ids.map(() => "submitted"));
    expect(final.instances.every((i) => typeof i.submission?.jobId === "string" && i.submission.attempts === 1)).toBe(
      true,
    );
  });

  it("never lets a request leave when its journal entry cannot be written", async () => {
    const ids = available(12);
    const store = newStore("dds", ids);
    let wire = 0;
    const client = ddsClient(() => wire++);
    let saves = 0;
    const realSave = store.save.bind(store);
    store.save = () => {
      if (++saves === 2) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      realSave();
    };
    const result = await submitWithJournal(
      store,
      [{ inputs: ids }],
      (inputs, options) => upgradeDdsInBatches(client, inputs, options),
      { concurrency: 1 },
    );
    expect(result.journalError?.message).toMatch(/ENOSPC/);
    // The first request (10 ids) was journaled and sent; the second was stopped before fetch.
    expect(wire).toBe(1);
    expect(store.report.instances.slice(0, 10).every((i) => i.submission?.status === "submitted")).toBe(true);
    expect(store.report.instances.slice(10).map((i) => i.submission?.status)).toEqual(["skipped", "skipped"]);
  });

  it("stops at the first 401 and leaves the rest unsent", async () => {
    const ids = available(25);
    const store = newStore("dds", ids);
    const client = ddsClient(undefined, "not-the-token");
    const result = await submitWithJournal(
      store,
      [{ inputs: ids }],
      (inputs, options) => upgradeDdsInBatches(client, inputs, options),
      { concurrency: 1 },
    );
    expect(result.authRefusal).toMatchObject({ status: "rejected", httpStatus: 401 });
    expect(result.requests).toBe(1);
    expect(store.report.instances.slice(10).every((i) => i.submission?.status === "skipped")).toBe(true);
  });

  it("keeps an earlier 'may have reached the server' when a forced resend is skipped", async () => {
    const [id] = available(1);
    const store = newStore("dds", [id!]);
    store.report.instances[0]!.submission = { status: "sending", at: "2026-01-01T00:00:00.000Z", attempts: 1 };
    const aborted = AbortSignal.abort();
    const send = (inputs: string[], options: BatchOptions<BatchOutcome>) =>
      upgradeDdsInBatches(ddsClient(), inputs, options);
    const result = await submitWithJournal(store, [{ inputs: [id!] }], send, { signal: aborted });
    expect(result.interrupted).toBe(true);
    expect(store.report.instances[0]!.submission).toMatchObject({ status: "sending", attempts: 1 });
  });

  it("on a stop, sends nothing new but records the answers of requests in flight", async () => {
    const ids = available(30);
    const store = newStore("dds", ids);
    const stop = new AbortController();
    let wire = 0;
    const client = ddsClient(() => {
      // The first request is on its way when the operator presses Ctrl-C.
      if (++wire === 1) queueMicrotask(() => stop.abort());
    });
    const result = await submitWithJournal(
      store,
      [{ inputs: ids }],
      (inputs, options) => upgradeDdsInBatches(client, inputs, options),
      {
        concurrency: 1,
        signal: stop.signal,
      },
    );
    expect(result.interrupted).toBe(true);
    expect(wire).toBe(1);
    const statuses = store.report.instances.map((i) => i.submission?.status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill("submitted"));
    expect(statuses.slice(10)).toEqual(Array(20).fill("skipped"));
  });

  it("on a hard stop, aborts requests in flight and marks them as possibly received", async () => {
    const ids = available(10);
    const store = newStore("dds", ids);
    const hard = new AbortController();
    server.use(...server.mock.latency(2_000, { api: "dds" }));
    try {
      const client = ddsClient(() => setTimeout(() => hard.abort(), 50));
      const result = await submitWithJournal(
        store,
        [{ inputs: ids }],
        (inputs, options) => upgradeDdsInBatches(client, inputs, options),
        {
          hardSignal: hard.signal,
        },
      );
      expect(result.interrupted).toBe(true);
      expect(
        store.report.instances.every(
          (i) => i.submission?.status === "failed" && i.submission.mayHaveReachedServer === true,
        ),
      ).toBe(true);
    } finally {
      server.resetHandlers();
    }
  });
});
