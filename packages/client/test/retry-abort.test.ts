// Aborted while waiting to retry: the attempt already made is the outcome (a 503 the server answered
// is "failed", may have reached the server), never "skipped" (which promises nothing was sent).
import { expect, it } from "vitest";
import { createDdsClient, upgradeDdsInBatches } from "../src/index.js";
import { projectId } from "./support/spec.js";

it("an abort during the retry wait after a 503 with Retry-After reports the 503 as failed, not skipped", async () => {
  const controller = new AbortController();
  let sent = 0;
  const client = createDdsClient({
    baseUrl: "https://retry-abort.test",
    projectId,
    auth: { token: "retry-abort-token" },
    fetch: async () => {
      sent++;
      return Response.json(
        { error_code: "DBS.00114000", error_msg: "busy" },
        { status: 503, headers: { "Retry-After": "0" } },
      );
    },
  });
  const report = await upgradeDdsInBatches(client, ["a1", "a2"], {
    signal: controller.signal,
    retry: {
      maxAttempts: 3,
      // The operator cancels while the helper waits to retry.
      sleep: async () => controller.abort(new Error("operator cancelled")),
    },
  });
  expect(sent).toBe(1);
  expect(report.aborted).toBe(true);
  expect(report.counts).toEqual({ submitted: 0, rejected: 0, failed: 2, skipped: 0 });
  for (const outcome of report.outcomes)
    expect(outcome).toMatchObject({ status: "failed", mayHaveReachedServer: true });
});
