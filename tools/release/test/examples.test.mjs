// @ts-check
// `pnpm example`: lists every README example and runs each on this Node against a mock of its own, so
// the order they run in never matters (the same example twice gives the same answer).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listExamples } from "../src/examples.mjs";
import { repoRoot } from "../src/workspace.mjs";

const cli = join(repoRoot, "tools/release/src/cli.mjs");
const example = (...args) => {
  const result = spawnSync(process.execPath, [cli, "example", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, output: result.stdout + result.stderr };
};

describe("pnpm example", () => {
  it("--list names every example file of every package, with its kind", () => {
    const { status, output } = example("--list");
    expect(status, output).toBe(0);
    const listed = output
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    expect(listed).toEqual(listExamples().map((e) => e.name));
    expect(listed).toEqual(
      expect.arrayContaining([
        "client/token-client",
        "mocks/vitest-node",
        "aksk/sign-a-request",
        "specs/validate-a-body",
      ]),
    );
    expect(output).toMatch(/mocks\/vitest-node\s+vitest/);
  });

  it("runs every example green, in reverse order, the token example twice with the same outcome", {
    timeout: 240_000,
  }, () => {
    const names = listExamples()
      .map((e) => e.name)
      .reverse();
    const { status, output } = example("client/token-client", ...names, "client/token-client");
    expect(status, output).toBe(0);
    expect(output).toContain(`${names.length + 2} of ${names.length + 2} examples passed`);
    // Both runs submit the same available instance: neither finds it left "upgrading" by another example.
    // (three runs, each prints the line and its exported `results`)
    expect(output.match(/046287aae57843b1a7bc61b7a8812f41in02: job [0-9a-f-]{36}/g)).toHaveLength(6);
    expect(output).not.toContain("046287aae57843b1a7bc61b7a8812f41in02: DBS.200011");
    expect(output).toMatch(/Tests\s+4 passed \(4\)/); // the mocks README's vitest suite
    expect(output).toContain("export accepted = false"); // the specs example
  });

  it("refuses an unknown name and points at --list", () => {
    const { status, output } = example("client/no-such-example");
    expect(status).toBe(2);
    expect(output).toContain("pnpm example --list");
  });
});

describe("the root README's curl and the client examples", () => {
  it("upgrade different instances, so running both against one mock leaves neither busy for the other", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const ids = (text) => new Set(text.match(/[0-9a-f]{32}in\d{2}/g) ?? []);
    const curl = ids([...readme.matchAll(/```sh\n(curl[\s\S]*?)```/g)].map((m) => m[1]).join("\n"));
    expect(curl.size).toBeGreaterThan(0);
    for (const e of listExamples()) {
      for (const id of ids(readFileSync(e.file, "utf8")))
        expect(curl.has(id), `${e.name} and the README curl share ${id}`).toBe(false);
    }
  });
});
