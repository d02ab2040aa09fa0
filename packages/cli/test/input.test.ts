// Instance id lists and option values: hostile or mistyped input is one clear line and exit 2.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../src/errors.js";
import { EXIT } from "../src/exit-codes.js";
import { parseIdList, readIdsFile } from "../src/ids.js";
import { parseDuration, parseStartTime, upgradeSettings } from "../src/settings.js";
import { tempDir } from "./support/report.js";

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    expect((error as CliError).message).not.toContain("\n");
    return (error as CliError).message;
  }
  throw new Error("expected a usage error");
}

describe("ids", () => {
  it("reads one per line or comma-separated, skipping comments and blanks", () => {
    expect(parseIdList("a\n\n# all of prod\nb, c  d\r\ne # trailing\n", "x")).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("refuses missing, unreadable, binary and empty files with one line", () => {
    const dir = tempDir();
    expect(usage(() => readIdsFile(join(dir, "nope.txt")))).toBe(
      `cannot read ids file ${join(dir, "nope.txt")}: no such file`,
    );
    expect(usage(() => readIdsFile(dir))).toBe(`cannot read ids file ${dir}: it is a directory`);
    const binary = join(dir, "bin");
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    expect(usage(() => readIdsFile(binary))).toMatch(/is not a text file of instance ids/);
    const latin1 = join(dir, "latin1");
    writeFileSync(latin1, Buffer.from([0x61, 0xe9, 0x0a]));
    expect(usage(() => readIdsFile(latin1))).toBe(`ids file ${latin1} is not UTF-8 text`);
    const empty = join(dir, "empty");
    writeFileSync(empty, "# nothing\n\n");
    expect(usage(() => readIdsFile(empty))).toBe(`ids file ${empty} lists no instance ids`);
  });

  it("reads standard input for -", () => {
    expect(readIdsFile("-", () => "x,y\n")).toEqual(["x", "y"]);
  });
});

describe("service options", () => {
  const now = new Date("2026-06-01T00:00:00Z");

  it("takes ISO times with a zone, or a delay from now", () => {
    expect(parseStartTime("2026-12-01T02:00:00+08:00", now).toISOString()).toBe("2026-11-30T18:00:00.000Z");
    expect(parseStartTime("2026-12-01T02:00:00+0800", now).toISOString()).toBe("2026-11-30T18:00:00.000Z");
    expect(parseStartTime("2026-12-01T02:00Z", now).toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(parseStartTime("+1h30m", now).toISOString()).toBe("2026-06-01T01:30:00.000Z");
    expect(usage(() => parseStartTime("2026-12-01T02:00:00", now))).toMatch(/with a zone/);
    expect(usage(() => parseStartTime("2026-02-31T02:00:00Z", now))).toMatch(/not a real date/);
  });

  it("parses durations and refuses nonsense", () => {
    expect(parseDuration("90s", "--timeout")).toBe(90_000);
    expect(parseDuration("1h30m", "--timeout")).toBe(5_400_000);
    expect(usage(() => parseDuration("soon", "--timeout"))).toMatch(/--timeout must be a duration/);
    expect(usage(() => parseDuration("0s", "--timeout"))).toMatch(/more than 0/);
  });

  it("refuses an option of another service instead of ignoring it", () => {
    expect(usage(() => upgradeSettings("dds", { delay: true }, now, true))).toBe(
      "--delay applies to --service taurusdb only",
    );
    expect(usage(() => upgradeSettings("taurusdb", { startTime: "+1h" }, now, true))).toBe(
      "--start-time applies to --service gaussdb only",
    );
    expect(usage(() => upgradeSettings("gaussdb", {}, now, true))).toMatch(/needs --start-time/);
    expect(upgradeSettings("gaussdb", { startTime: "+1h", targetVersion: " 3.208.0.7 " }, now, true)).toEqual({
      startTime: new Date("2026-06-01T01:00:00Z"),
      targetVersion: "3.208.0.7",
    });
    expect(upgradeSettings("taurusdb", {}, now, true)).toEqual({ delay: false });
  });
});
