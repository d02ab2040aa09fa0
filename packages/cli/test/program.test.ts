// The command line itself: help with examples for every command, the documented exit codes, usage
// errors as one line, and the service list in step with the client's.
import { readdirSync, readFileSync } from "node:fs";
import { createDbUpgradeClients } from "@dbupgrade/client";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { EXIT, exitCodeHelp } from "../src/exit-codes.js";
import { SERVICES } from "../src/service-names.js";
import { fakeIo } from "./support/streams.js";

const commands = ["plan", "apply", "wait", "report"];

async function cli(args: string[], options: Parameters<typeof fakeIo>[0] = {}) {
  const io = fakeIo({ env: { HOME: "/nonexistent" }, ...options });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe("help", () => {
  it("lists the commands, examples, credentials and exit codes", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(EXIT.ok);
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK");
    expect(stdout).toContain(exitCodeHelp);
  });

  it.each(commands)("%s --help has examples that use the command", async (command) => {
    const { code, stdout } = await cli([command, "--help"]);
    expect(code).toBe(EXIT.ok);
    const examples = stdout
      .slice(stdout.indexOf("Examples:"))
      .split("\n")
      .filter((l) => l.startsWith("  dbupgrade "));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(example).toMatch(new RegExp(`^  dbupgrade ${command} `));
  });

  it("offers no flag for a secret", async () => {
    for (const command of commands) {
      const { stdout } = await cli([command, "--help"]);
      expect(stdout).not.toMatch(/--(token|ak|sk|access-key|secret-key|password)\b/);
    }
  });

  it("documents the same exit codes in the README as in the code", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const [code, line] of exitCodeHelp
      .split("\n")
      .slice(1)
      .map((l) => [l.trim().slice(0, 1), l.trim().slice(3)] as const)) {
      expect(readme).toContain(`| ${code} | ${line} |`);
    }
    expect(Object.values(EXIT).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("usage errors: one line, exit 2", () => {
  it.each([
    [
      ["plan", "--service", "mysql", "--all"],
      /^error: option '--service <service>' argument 'mysql' is invalid\. Allowed choices are geminidb, taurusdb, dds, gaussdb\.$/,
    ],
    [["plan", "--all"], /^dbupgrade: --service is required \(geminidb, taurusdb, dds, gaussdb\)$/],
    [
      ["plan", "--service", "dds"],
      /^dbupgrade: say which instances: --ids a,b, --ids-file FILE, --name 'pattern', --tag key=value or --all$/,
    ],
    [
      ["plan", "--service", "dds", "--ids-file", "/nonexistent/ids.txt"],
      /^dbupgrade: cannot read ids file \/nonexistent\/ids\.txt: no such file$/,
    ],
    [
      ["plan", "--service", "dds", "--all", "--name", "x"],
      /^error: option '--all' cannot be used with option '--name <pattern>'$/,
    ],
    [["plan", "--service", "dds", "--all", "--delay"], /^dbupgrade: --delay applies to --service taurusdb only$/],
    [
      ["apply", "--service", "dds", "--all"],
      /^dbupgrade: apply asks for confirmation; pass --yes when not on a terminal \(CI\)$/,
    ],
    [["apply", "--service", "dds", "--all", "--yes", "--force"], /^dbupgrade: --force goes with --resume/],
    [
      ["apply", "--resume", "r.json", "--yes", "--all"],
      /^dbupgrade: --resume continues the report's run as planned; drop --all$/,
    ],
    [["wait"], /^error: required option '--report <file>' not specified$/],
    [["report", "/nonexistent/r.json"], /^dbupgrade: cannot read report file \/nonexistent\/r\.json: no such file$/],
    [["upgrade"], /^error: unknown command 'upgrade'/],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")[0]).toMatch(message);
  });
});

describe("services", () => {
  it("are the client's four, in its order", () => {
    const clients = createDbUpgradeClients({
      baseUrl: "http://127.0.0.1:9",
      projectId: "a".repeat(32),
      auth: { token: "t" },
    });
    expect([...SERVICES]).toEqual(Object.keys(clients));
  });
});

describe("terminal control", () => {
  it("no hand-written escape codes in the sources: colors, cursor and redraws come from the libraries", () => {
    const dir = new URL("../src/", import.meta.url);
    const files = readdirSync(dir, { recursive: true }).filter(
      (f): f is string => typeof f === "string" && f.endsWith(".ts"),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      expect(readFileSync(new URL(file, dir), "utf8"), file).not.toMatch(/\\u001b|\\x1b|\\033|\\e\[/i);
  });
});
