// Following, as far as the report is concerned: what goes to the client's follower (submitted
// instances not yet concluded, as the client recorded them), and what comes back into the report.
import { describe, expect, it } from "vitest";
import { followWithReport, toFollow } from "../src/follow/follow.js";
import { ReportStore } from "../src/report/store.js";
import type { ServiceKit } from "../src/services.js";
import { newReport, tempDir } from "./support/report.js";

const at = "2026-01-01T00:00:00.000Z";
const outcome = (id: string) => ({
  status: "submitted",
  instanceId: id,
  jobId: `job-${id}`,
  submittedAt: at,
  requestId: "r",
});

function followed(id: string, state: string, final: boolean, extra: Record<string, unknown> = {}) {
  return {
    instanceId: id,
    state,
    final,
    jobId: `job-${id}`,
    serverStatus: state === "completed" ? "Completed" : "Running",
    progress: null,
    failReason: null,
    version: null,
    submittedAt: at,
    firstSeenAt: at,
    lastSeenAt: "2026-01-01T00:05:00.000Z",
    settledAt: final ? "2026-01-01T00:05:00.000Z" : null,
    polls: 3,
    pollFailures: 0,
    lastPollError: null,
    note: null,
    ...extra,
  };
}

describe("following with a report", () => {
  it("follows only submitted instances that have not concluded, and records what the follower says", async () => {
    const report = newReport("dds", [
      { instanceId: "a", submission: { status: "submitted", at, attempts: 1, jobId: "job-a", outcome: outcome("a") } },
      { instanceId: "b", submission: { status: "submitted", at, attempts: 1, jobId: "job-b", outcome: outcome("b") } },
      {
        instanceId: "c",
        submission: { status: "submitted", at, attempts: 1, jobId: "job-c", outcome: outcome("c") },
        job: { state: "completed", final: true, at },
      },
      { instanceId: "d", submission: { status: "rejected", at, attempts: 1, httpStatus: 202 } },
    ]);
    const store = new ReportStore(`${tempDir()}/r.json`, report);
    expect(toFollow(report.instances).map((r) => r.instanceId)).toEqual(["a", "b"]);
    let source: unknown;
    const final = [
      followed("a", "completed", true),
      followed("b", "failed", true, { failReason: "node health check failed" }),
    ];
    const kit = {
      service: "dds",
      follow(given: unknown) {
        source = given;
        return {
          async *[Symbol.asyncIterator]() {
            yield final[0];
            yield final[1];
          },
          report: Promise.resolve({
            kind: "dbupgrade.follow",
            version: 1,
            api: "dds",
            instances: final,
            notes: ["a note"],
          }),
        };
      },
    } as unknown as ServiceKit;
    const concluded: string[] = [];
    const result = await followWithReport(store, kit, {
      view: { progress() {}, concluded: (r) => concluded.push(r.instanceId), finish() {} },
    });
    expect(result.followed).toBe(2);
    expect(source).toEqual({ api: "dds", outcomes: [outcome("a"), outcome("b")] });
    expect(concluded).toEqual(["a", "b"]);
    expect(report.instances[0]!.job).toEqual({
      state: "completed",
      final: true,
      at: "2026-01-01T00:05:00.000Z",
      serverStatus: "Completed",
    });
    expect(report.instances[1]!.job).toMatchObject({
      state: "failed",
      final: true,
      detail: "node health check failed",
    });
    expect(report.phase).toBe("done");
    expect(report.notes).toEqual(["a note"]);
  });

  it("passes the run's service options on, and leaves the phase at following while jobs are open", async () => {
    const report = newReport("taurusdb", [
      { instanceId: "a", submission: { status: "submitted", at, attempts: 1, outcome: outcome("a") } },
    ]);
    report.options = { delay: true };
    const store = new ReportStore(`${tempDir()}/r.json`, report);
    let source: { delay?: boolean } = {};
    const kit = {
      service: "taurusdb",
      follow(given: { delay?: boolean }) {
        source = given;
        return {
          async *[Symbol.asyncIterator]() {},
          report: Promise.resolve({ instances: [followed("a", "pending", false)], notes: [] }),
        };
      },
    } as unknown as ServiceKit;
    await followWithReport(store, kit);
    expect(source.delay).toBe(true);
    expect(report.instances[0]!.job).toMatchObject({ state: "pending", final: false });
    expect(report.phase).toBe("following");
  });
});
