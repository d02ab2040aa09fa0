// The `dbupgrade-mock` bin as a user runs it: flags, credentials from the environment, the ready
// line, one log line per request, and a clean stop on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { ensureBuilt, packageDir } from "./helpers/built.js";
import { onlyOperation, operationUrl } from "./support.js";

const bin = join(packageDir, "bin", "dbupgrade-mock.mjs");

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no "listening on" line within 15 s:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

beforeAll(() => ensureBuilt());

describe("dbupgrade-mock", () => {
  it("serves with credentials from the environment, logs each request, and stops on SIGTERM", async () => {
    const server = await run(["--port", "0", "--seed", "3", "--latency", "5"], {
      DBUPGRADE_MOCK_TOKEN: "token-from-env",
      DBUPGRADE_MOCK_AK: "AKFROMENV",
      DBUPGRADE_MOCK_SK: "sk-from-env",
    });
    const op = onlyOperation("dds");
    const url = operationUrl(op, { base: `${server.url}/dds` });
    const call = (token: string) =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Auth-Token": token },
        body: JSON.stringify({ instance_ids: ["046287aae57843b1a7bc61b7a8812f41in02"] }),
      });
    expect((await call("token-from-env")).status).toBe(202);
    expect((await call(defaultMockCredentials.token)).status).toBe(401);
    for (const api of ["geminidb", "taurusdb", "dds", "gaussdb"])
      expect(server.output()).toContain(`${server.url}/${api}`);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const lines = server.output().split("\n");
    expect(lines.filter((l) => l.startsWith("POST /dds/"))).toEqual([
      expect.stringMatching(/ 202 \d+\.\dms [0-9a-f]{32}$/),
      expect.stringMatching(/ 401 \d+\.\dms [0-9a-f]{32}$/),
    ]);
    expect(server.output()).toContain("SIGTERM: stopping");
    expect(server.output()).not.toContain("token-from-env");
    expect(server.output()).not.toContain("sk-from-env");
  });

  it("uses the documented default credentials and stops on SIGINT", async () => {
    const server = await run(["--port", "0"]);
    const op = onlyOperation("taurusdb");
    const response = await fetch(operationUrl(op, { base: `${server.url}/taurusdb` }), {
      method: "POST",
      headers: { "Content-Type": "application/json;charset=UTF-8", "X-Auth-Token": defaultMockCredentials.token },
      body: JSON.stringify({
        databases_instance_infos: [
          { instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" },
        ],
        delay: false,
      }),
    });
    expect(await response.json()).toEqual({ resp: "success" });
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });

  it("refuses a headers timeout longer than the request timeout", async () => {
    const slow = await runToExit(["--port", "0", "--headers-timeout", "9000", "--request-timeout", "5000"]);
    expect(slow.code).toBe(2);
    expect(slow.output).toContain("--headers-timeout must not exceed --request-timeout");
  });

  it("explains bad flags, documents itself, and reports a busy port", async () => {
    const bad = await runToExit(["--port", "http"]);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--port must be an integer from 0 to 65535, not "http"');
    const unknown = await runToExit(["--verbose"]);
    expect(unknown.code).toBe(2);
    const help = await runToExit(["--help"]);
    expect(help.code).toBe(0);
    for (const text of [
      "--port",
      "--seed",
      "--latency",
      "--max-body",
      "--max-connections",
      "--headers-timeout",
      "--request-timeout",
      "DBUPGRADE_MOCK_TOKEN",
      "DBUPGRADE_MOCK_AK",
      "DBUPGRADE_MOCK_SK",
      defaultMockCredentials.token,
    ])
      expect(help.output).toContain(text);

    const first = await run(["--port", "0"]);
    const busy = await runToExit(["--port", new URL(first.url).port]);
    expect(busy.code).toBe(2);
    expect(busy.output).toContain("is in use");
    first.child.kill("SIGTERM");
    await first.exited;
  });
  it("runs jobs on real time for --job-duration; rejects a duration it cannot read", async () => {
    const bad = await runToExit(["--job-duration", "5h"]);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain("--job-duration must be a duration such as 20s, 1500ms or 2m");
    const server = await run(["--port", "0", "--job-duration", "300ms"]);
    try {
      const headers = { "X-Auth-Token": defaultMockCredentials.token, "Content-Type": "application/json" };
      const project = "619d3e78f61b4be68bc5aa0b59edcf7b";
      const instances = await (await fetch(`${server.url}/dds/v3/${project}/instances?limit=100`, { headers })).json();
      const ready = instances.instances.find(
        (i: { status: string; actions: string[]; datastore: { patch_available?: boolean } }) =>
          i.status === "normal" && i.actions.length === 0 && i.datastore.patch_available,
      );
      const submit = await fetch(`${server.url}/dds/v3/${project}/instances/db-upgrade`, {
        method: "POST",
        headers,
        body: JSON.stringify({ instance_ids: [ready.id] }),
      });
      const jobId = (await submit.json()).upgrade_results[0].job_id;
      const status = async () =>
        (await (await fetch(`${server.url}/dds/v3/${project}/jobs?id=${jobId}`, { headers })).json()).job.status;
      expect(await status()).toBe("Running");
      let last = "Running";
      for (let i = 0; i < 50 && last === "Running"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        last = await status();
      }
      expect(last).toBe("Completed");
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
