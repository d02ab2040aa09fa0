// The real executable on a pseudo-terminal (util-linux `script`) and on pipes: live redrawn
// progress, colors and the confirmation question only on a terminal; NO_COLOR honoured there too.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { startMockServer, type RunningMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { bin, dbupgrade, mockEnv, readJson, recordUpgrades, type Recorder } from "./support/e2e.js";
import { tempDir } from "./support/report.js";

// eslint-disable-next-line no-control-regex
const ESC = /\u001b\[/;
// eslint-disable-next-line no-control-regex
const COLOR = /\u001b\[(3\d|9\d|1|2)m/;

let server: RunningMockServer;
let recorder: Recorder;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 7, jobDurationMs: 300, visibilityDelayMs: 100 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetHandlers();
  server.mock.reset();
  recorder = recordUpgrades(server);
});

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/** Runs dbupgrade inside `script` (a pseudo-terminal); `answer` is typed once `prompt` shows up. */
function onTerminal(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
  answer?: { prompt: RegExp; keys: string },
) {
  // A pseudo-terminal gets no window size from a pipe; give it one, as a real terminal has.
  const command = `stty cols 120 rows 40; ${[process.execPath, bin, ...args].map(quote).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd,
    env: { ...env, TERM: "xterm-256color", COLUMNS: "120", LINES: "40" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let answered = false;
  child.stdout.on("data", (chunk) => {
    output += chunk;
    if (answer && !answered && answer.prompt.test(output)) {
      answered = true;
      child.stdin.write(answer.keys);
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, output });
    }),
  );
}

const ids = (n: number) =>
  server.mock.fleet
    .instances("dds", { status: "available" })
    .slice(0, n)
    .map((i) => i.id);
const strip = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

describe("on a terminal", () => {
  it("asks before sending, then shows live progress in color", async () => {
    const dir = tempDir();
    const env = mockEnv({ NO_COLOR: undefined });
    const args = [
      "apply",
      "--service",
      "dds",
      "--ids",
      ids(3).join(","),
      "--endpoint",
      server.baseUrlOf("dds"),
      "--report",
      "r.json",
      "--wait",
      "--poll-interval",
      "0.2",
    ];
    const run = await onTerminal(args, env, dir, { prompt: /Upgrade 3 dds instances in 1 request/, keys: "y" });
    expect(run.code, run.output).toBe(EXIT.ok);
    expect(run.output).toMatch(ESC);
    expect(run.output).toMatch(COLOR);
    const text = strip(run.output);
    expect(text).toContain("Upgrade 3 dds instances in 1 request?");
    expect(text).toContain("✓ request 1/1: 3 submitted, 0 rejected, 0 failed");
    expect(text).toMatch(/3\/3 ended/);
    expect(text).toContain("dds: 3 instances: 3 completed");
    expect(readJson(join(dir, "r.json")).instances.every((i) => i.job?.state === "completed")).toBe(true);
  });

  it("sends nothing when the answer is no (exit 3)", async () => {
    const dir = tempDir();
    const args = [
      "apply",
      "--service",
      "dds",
      "--ids",
      ids(2).join(","),
      "--endpoint",
      server.baseUrlOf("dds"),
      "--report",
      "r.json",
    ];
    const run = await onTerminal(args, mockEnv(), dir, { prompt: /Upgrade 2 dds instances/, keys: "n" });
    expect(run.code).toBe(EXIT.interrupted);
    expect(strip(run.output)).toContain("not confirmed; nothing was sent");
    expect(recorder.requests).toEqual([]);
  });

  it("under NO_COLOR: redrawn, but without color", async () => {
    const dir = tempDir();
    const args = [
      "apply",
      "--service",
      "dds",
      "--ids",
      ids(2).join(","),
      "--endpoint",
      server.baseUrlOf("dds"),
      "--report",
      "r.json",
      "--yes",
    ];
    const run = await onTerminal(args, mockEnv({ NO_COLOR: "1" }), dir);
    expect(run.code, run.output).toBe(EXIT.ok);
    expect(run.output).not.toMatch(COLOR);
    expect(strip(run.output)).toContain("✓ request 1/1: 2 submitted");
  });
});

describe("not on a terminal", () => {
  it("plain lines, no escape character, results on stdout and progress on stderr", async () => {
    const dir = tempDir();
    const run = await dbupgrade(
      [
        "apply",
        "--service",
        "dds",
        "--ids",
        ids(2).join(","),
        "--endpoint",
        server.baseUrlOf("dds"),
        "--report",
        "r.json",
        "--yes",
        "--wait",
        "--poll-interval",
        "0.2",
      ],
      {
        cwd: dir,
        env: mockEnv({ NO_COLOR: undefined }),
      },
    );
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout + run.stderr).not.toMatch(/\u001b/);
    expect(run.stderr.split("\n")[0]).toBe("dds: submitting 2 instances in 1 request");
    expect(run.stderr).toContain("✓ request 1/1: 2 submitted, 0 rejected, 0 failed [2/2]");
    expect(run.stdout).toContain("INSTANCE");
    expect(run.stdout).toContain("dds: 2 instances: 2 completed");
  });

  it("--json: stdout is one JSON document", async () => {
    const dir = tempDir();
    const run = await dbupgrade(
      [
        "apply",
        "--service",
        "dds",
        "--ids",
        ids(2).join(","),
        "--endpoint",
        server.baseUrlOf("dds"),
        "--report",
        "r.json",
        "--yes",
        "--json",
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({
      report: "r.json",
      service: "dds",
      phase: "submitted",
      summary: { states: { submitted: 2 } },
    });
  });
});
