// stopSending: a soft stop that sends nothing new while the requests in flight finish and keep
// their outcomes (the CLI's first Ctrl-C). `signal` stays the hard stop (batch.test.ts covers it).
import { describe, expect, it } from "vitest";
import { createDdsClient, upgradeDdsInBatches } from "../src/index.js";
import { fakeService } from "./support/fake-service.js";
import { projectId } from "./support/spec.js";

const ids = Array.from({ length: 30 }, (_, n) => `i${String(n).padStart(2, "0")}`);

function gatedClient() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const service = fakeService("dds", {
    override: async () => {
      await gate;
      return undefined;
    },
  });
  const client = createDdsClient({
    baseUrl: "http://127.0.0.1:9",
    projectId,
    auth: { token: "t" },
    fetch: service.fetch,
  });
  return { client, service, open };
}

describe("stopSending", () => {
  it("lets the requests in flight finish (submitted) and skips every chunk not yet sent", async () => {
    const { client, service, open } = gatedClient();
    const stop = new AbortController();
    const run = upgradeDdsInBatches(client, ids, { concurrency: 2, stopSending: stop.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    open();
    const report = await run;
    expect(service.requests).toHaveLength(2);
    expect(report.counts).toEqual({ submitted: 20, rejected: 0, failed: 0, skipped: 10 });
    expect(report.requests).toBe(2);
    expect(report.aborted).toBe(true);
  });

  it("stopped from onSend, keeps that very request from leaving", async () => {
    const service = fakeService("dds");
    const client = createDdsClient({
      baseUrl: "http://127.0.0.1:9",
      projectId,
      auth: { token: "t" },
      fetch: service.fetch,
    });
    const stop = new AbortController();
    let sends = 0;
    const report = await upgradeDdsInBatches(client, ids, {
      concurrency: 1,
      stopSending: stop.signal,
      onSend: () => {
        if (++sends === 2) stop.abort();
      },
    });
    expect(service.requests).toHaveLength(1);
    expect(report.counts).toEqual({ submitted: 10, rejected: 0, failed: 0, skipped: 20 });
    expect(report.requests).toBe(1);
  });
});
