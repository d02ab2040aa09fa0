// The report file: written whole or not at all, one command at a time, read back with suspicion.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport, readReport, ReportFileError } from "../src/report/read.js";
import { lockReport, ReportLockedError, ReportStore, writeFileAtomic } from "../src/report/store.js";
import { instanceState, mayHaveReachedServer, safeToSend, summarize } from "../src/report/summary.js";
import type { InstanceRecord } from "../src/report/types.js";
import { SecretScrubber } from "../src/secrets.js";
import { newReport, tempDir } from "./support/report.js";

const at = "2026-01-01T00:00:00.000Z";

describe("writing", () => {
  it("replaces the file atomically and leaves no temporary file behind", () => {
    const dir = tempDir();
    const path = join(dir, "r.json");
    writeFileAtomic(path, "one");
    writeFileAtomic(path, "two");
    expect(readFileSync(path, "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });

  it("saves through the scrubber, so a secret in a message never reaches the disk", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("super-secret-token-value");
    const path = join(tempDir(), "r.json");
    const store = new ReportStore(path, newReport("dds", ["a"]), (v) => scrubber.scrubValue(v));
    store.report.notes.push("the server echoed super-secret-token-value back");
    store.save();
    expect(readFileSync(path, "utf8")).not.toContain("super-secret-token-value");
    expect(store.report.notes[0]).toContain("super-secret-token-value"); // memory keeps it; only output is scrubbed
  });
});

describe("locking", () => {
  it("lets one process hold a report, and takes over a lock whose owner is gone", () => {
    const path = join(tempDir(), "r.json");
    const unlock = lockReport(path);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
    unlock();
    expect(existsSync(`${path}.lock`)).toBe(false);
    writeFileSync(`${path}.lock`, String(process.ppid)); // a live process that is not us
    expect(() => lockReport(path)).toThrow(ReportLockedError);
    writeFileSync(`${path}.lock`, "999999999"); // no such process (killed with -9)
    const again = lockReport(path);
    again();
  });
});

describe("reading", () => {
  const valid = () => JSON.parse(JSON.stringify(newReport("dds", ["a", "b"])));

  it("reads what it wrote", () => {
    const path = join(tempDir(), "r.json");
    const store = new ReportStore(path, newReport("dds", ["a"]));
    store.save();
    expect(readReport(path)).toEqual(store.report);
  });

  it.each([
    ["not JSON", "{", /is not valid JSON/],
    ["another format", JSON.stringify({ ...valid(), format: "x/9" }), /format is "x\/9"/],
    [
      "a duplicate instance",
      JSON.stringify({
        ...valid(),
        instances: [
          { instanceId: "a", eligible: true },
          { instanceId: "a", eligible: true },
        ],
      }),
      /instance a is listed twice/,
    ],
    [
      "a bad status",
      JSON.stringify({
        ...valid(),
        instances: [{ instanceId: "a", eligible: true, submission: { status: "done", at, attempts: 1 } }],
      }),
      /submission.status/,
    ],
    [
      "a bad job",
      JSON.stringify({ ...valid(), instances: [{ instanceId: "a", eligible: true, job: { state: "Running", at } }] }),
      /job needs a state/,
    ],
    ["an array", "[]", /not a JSON object/],
  ])("refuses %s with one line", (_what, text, message) => {
    const path = join(tempDir(), "r.json");
    writeFileSync(path, text);
    expect(() => readReport(path)).toThrow(ReportFileError);
    expect(() => readReport(path)).toThrow(message);
  });

  it("says when the file is not there", () => {
    expect(() => readReport("/nonexistent/r.json")).toThrow(
      "cannot read report file /nonexistent/r.json: no such file",
    );
    expect(() => parseReport(null)).toThrow("report is not a usable dbupgrade report: not a JSON object");
  });
});

describe("what a report says", () => {
  const record = (
    submission?: InstanceRecord["submission"],
    job?: InstanceRecord["job"],
    eligible = true,
  ): InstanceRecord => ({ instanceId: "i", eligible, submission, job });

  it("names each instance's state", () => {
    expect(instanceState(record(undefined, undefined, false))).toBe("ineligible");
    expect(instanceState(record())).toBe("not sent");
    expect(instanceState(record({ status: "sending", at, attempts: 1 }))).toBe("unknown");
    expect(instanceState(record({ status: "submitted", at, attempts: 1 }))).toBe("submitted");
    expect(
      instanceState(record({ status: "submitted", at, attempts: 1 }, { state: "unknown", final: false, at })),
    ).toBe("submitted");
    expect(instanceState(record({ status: "submitted", at, attempts: 1 }, { state: "unknown", final: true, at }))).toBe(
      "lost",
    );
    expect(instanceState(record({ status: "submitted", at, attempts: 1 }, { state: "failed", final: true, at }))).toBe(
      "job failed",
    );
    expect(
      instanceState(record({ status: "submitted", at, attempts: 1 }, { state: "completed", final: true, at })),
    ).toBe("completed");
  });

  it("resends only what surely never reached the server", () => {
    const cases: [InstanceRecord["submission"], boolean, boolean][] = [
      [undefined, true, false],
      [{ status: "skipped", at, attempts: 0 }, true, false],
      [{ status: "failed", at, attempts: 1, mayHaveReachedServer: false }, true, false],
      [{ status: "failed", at, attempts: 1, mayHaveReachedServer: true }, false, true],
      [{ status: "failed", at, attempts: 1 }, false, true],
      [{ status: "sending", at, attempts: 1 }, false, true],
      [{ status: "rejected", at, attempts: 1, httpStatus: 400 }, false, false],
      [{ status: "submitted", at, attempts: 1 }, false, false],
    ];
    for (const [submission, safe, uncertain] of cases) {
      expect(
        [safeToSend(record(submission)), mayHaveReachedServer(record(submission))],
        JSON.stringify(submission),
      ).toEqual([safe, uncertain]);
    }
    expect(safeToSend(record(undefined, undefined, false))).toBe(false);
  });

  it("counts problems, resendable and unfinished instances", () => {
    const report = newReport("dds", [
      {
        instanceId: "a",
        submission: { status: "submitted", at, attempts: 1 },
        job: { state: "completed", final: true, at },
      },
      {
        instanceId: "b",
        submission: { status: "submitted", at, attempts: 1 },
        job: { state: "running", final: false, at },
      },
      { instanceId: "c", submission: { status: "sending", at, attempts: 1 } },
      { instanceId: "d", submission: { status: "rejected", at, attempts: 1, httpStatus: 400 } },
      { instanceId: "e" },
      { instanceId: "f", eligible: false, reason: "frozen" },
    ]);
    const summary = summarize(report);
    expect(summary).toMatchObject({ instances: 6, uncertain: ["c"], resendable: 1, unfinished: 1, problems: 2 });
    expect(summary.states).toMatchObject({
      completed: 1,
      running: 1,
      unknown: 1,
      rejected: 1,
      "not sent": 1,
      ineligible: 1,
    });
  });
});
