// Output on a terminal and elsewhere: live redrawn progress and colors only on a TTY, never under
// NO_COLOR in color, and plain lines without a single escape character in CI logs and pipes.
import { describe, expect, it } from "vitest";
import { createFollowView } from "../src/render/follow-view.js";
import { renderSummary } from "../src/render/report-view.js";
import { createSubmitView } from "../src/render/submit-view.js";
import type { InstanceRecord } from "../src/report/types.js";
import { SecretScrubber } from "../src/secrets.js";
import { createTerminal, wantsColor } from "../src/terminal.js";
import { newReport } from "./support/report.js";
import { RecordingStream } from "./support/streams.js";

// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;
const at = "2026-01-01T00:00:00.000Z";

function terminal(tty: boolean, env: Record<string, string> = {}) {
  const out = new RecordingStream(tty);
  const err = new RecordingStream(tty);
  return { out, err, terminal: createTerminal({ out, err, inIsTTY: tty, env, scrubber: new SecretScrubber() }) };
}

const submitted = (id: string, request: number): InstanceRecord => ({
  instanceId: id,
  eligible: true,
  request,
  submission: { status: "submitted", at, attempts: 1, jobId: `job-${id}` },
});
const rejected = (id: string, request: number): InstanceRecord => ({
  instanceId: id,
  eligible: true,
  request,
  submission: { status: "rejected", at, attempts: 1, httpStatus: 202, errorCode: "DBS.200011", errorMessage: "busy" },
});

function runSubmitView(t: ReturnType<typeof terminal>["terminal"]) {
  const view = createSubmitView(t, "dds", 3, 2);
  view.sending([submitted("a", 1), submitted("b", 1)]);
  view.settled([submitted("a", 1), rejected("b", 1)]);
  view.sending([submitted("c", 2)]);
  view.settled([submitted("c", 2)]);
  view.finish();
}

describe("color decisions", () => {
  it("follows NO_COLOR, FORCE_COLOR, TERM=dumb, --no-color and the TTY", () => {
    const tty = new RecordingStream(true);
    const pipe = new RecordingStream(false);
    expect(wantsColor(tty, {}, undefined)).toBe(true);
    expect(wantsColor(pipe, {}, undefined)).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: "1" }, undefined)).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: "" }, undefined)).toBe(true); // no-color.org: empty means unset
    expect(wantsColor(tty, { TERM: "dumb" }, undefined)).toBe(false);
    expect(wantsColor(tty, {}, false)).toBe(false);
    expect(wantsColor(pipe, { FORCE_COLOR: "1" }, undefined)).toBe(true);
    expect(wantsColor(tty, { FORCE_COLOR: "0" }, undefined)).toBe(false);
  });
});

describe("submitting", () => {
  it("on a TTY: a redrawn block in color, and one kept line per request", () => {
    const { err, terminal: t } = terminal(true);
    runSubmitView(t);
    expect(err.text).toMatch(ESC);
    const plain = err.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    expect(plain).toContain("✗ request 1/2: 1 submitted, 1 rejected, 0 failed (DBS.200011)");
    expect(plain).toContain("✓ request 2/2: 1 submitted, 0 rejected, 0 failed");
    expect(plain).toContain("3/3 answered · 2/2 requests · 0 in flight");
  });

  it("on a TTY under NO_COLOR: still redrawn, but no color", () => {
    const { err, terminal: t } = terminal(true, { NO_COLOR: "1" });
    runSubmitView(t);
    expect(err.text).not.toMatch(/\u001b\[3[0-9]m/); // no foreground colors
    expect(err.text).toMatch(ESC); // cursor movement remains
  });

  it("elsewhere: plain lines, no escape character at all", () => {
    const { out, err, terminal: t } = terminal(false);
    runSubmitView(t);
    expect(err.text).not.toMatch(ESC);
    expect(out.text).toBe("");
    expect(err.text.split("\n")).toEqual([
      "dds: submitting 3 instances in 2 requests",
      "✗ request 1/2: 1 submitted, 1 rejected, 0 failed (DBS.200011) [2/3]",
      "✓ request 2/2: 1 submitted, 0 rejected, 0 failed [3/3]",
      "",
    ]);
  });
});

describe("following", () => {
  const progress = (completed: number, running: number) => ({
    counts: { completed, failed: 0, cancelled: 0, pending: 0, running, unknown: 0 },
    settled: completed,
    total: 2,
    requests: 4,
    latest: [],
  });
  const done = (id: string): InstanceRecord => ({ ...submitted(id, 1), job: { state: "completed", final: true, at } });

  it("on a TTY: a bar with counts per state", () => {
    const { err, terminal: t } = terminal(true);
    const view = createFollowView(t, "dds", 2);
    view.progress(progress(1, 1));
    view.concluded(done("a"));
    view.finish();
    const plain = err.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    expect(plain).toContain("1/2 ended · 4 status checks");
    expect(plain).toContain("✓ a: completed - job job-a");
  });

  it("elsewhere: a line per concluded instance and a counts line now and then", () => {
    const { err, terminal: t } = terminal(false);
    let clock = 0;
    const view = createFollowView(t, "dds", 2, () => clock);
    view.progress(progress(0, 2)); // too soon after start? the first line comes once 30 s passed
    clock = 31_000;
    view.progress(progress(1, 1));
    view.concluded(done("a"));
    view.finish();
    expect(err.text).not.toMatch(ESC);
    expect(err.text.split("\n")).toEqual([
      "dds: following 2 upgrades",
      "1/2 ended: 1 completed, 0 failed, 0 cancelled, 1 running, 0 pending, 0 not seen yet",
      "✓ a: completed - job job-a",
      "1/2 ended: 1 completed, 0 failed, 0 cancelled, 1 running, 0 pending, 0 not seen yet",
      "",
    ]);
  });
});

describe("the summary", () => {
  it("is a table without box lines, colored only on a TTY", () => {
    const report = newReport("dds", [
      submitted("a", 1),
      rejected("b", 1),
      { instanceId: "c", eligible: true, submission: { status: "sending", at, attempts: 1 } },
    ]);
    report.phase = "submitted";
    const plain = renderSummary(terminal(false).terminal.outColors, report, { reportPath: "run.json" });
    expect(plain).not.toMatch(ESC);
    expect(plain.split("\n")).toEqual([
      "INSTANCE  NAME  STATE      VERSION  DETAIL",
      "a               submitted           job job-a",
      "b               rejected            HTTP 202 DBS.200011 busy",
      "c               unknown             no answer recorded: the request may have reached the server",
      "",
      "dds: 3 instances: 1 unknown, 1 rejected, 1 submitted",
      "1 may have reached the server without an answer; check them before resending (apply --resume --force): c",
      "1 upgrades not finished: dbupgrade wait --report run.json",
      "report: run.json",
    ]);
    expect(renderSummary(terminal(true).terminal.outColors, report, { reportPath: "run.json" })).toMatch(ESC);
  });
});
