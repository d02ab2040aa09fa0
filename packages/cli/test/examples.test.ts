// The README's script example runs here against a report file, as a CI step would run it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newReport, tempDir } from "./support/report.js";

const at = "2026-01-01T00:00:00.000Z";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("examples/ci-gate.ts", () => {
  it("lists the instances that need a person and fails the step", async () => {
    const report = newReport("dds", [
      {
        instanceId: "a",
        submission: { status: "submitted", at, attempts: 1 },
        job: { state: "completed", final: true, at },
      },
      {
        instanceId: "b",
        submission: {
          status: "rejected",
          at,
          attempts: 1,
          httpStatus: 202,
          errorCode: "DBS.200011",
          errorMessage: "busy",
        },
      },
      { instanceId: "c", submission: { status: "sending", at, attempts: 1 } },
    ]);
    const path = join(tempDir(), "run.json");
    writeFileSync(path, JSON.stringify(report));
    vi.stubEnv("DBUPGRADE_REPORT", path);
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const example = await import("../examples/ci-gate.js");
    expect(example.needsAttention).toEqual(["b: rejected busy", "c: unknown"]);
    expect(lines).toEqual(["dds: 1 of 3 completed", "b: rejected busy", "c: unknown", "check before resending: c"]);
    expect(process.exitCode).toBe(1);
  });
});
