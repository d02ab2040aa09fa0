// `pnpm start`'s orchestrator (tools/start/start.mjs) as a child process on free ports: it serves the
// portal and the mock, a curl copied from the portal gets the success status, and SIGTERM / SIGINT
// stop it cleanly.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { mockOrigin } from "../src/local-mock.mjs";
import { allOperations } from "../src/operations.mjs";
import { startStaticServer } from "../src/static-server.mjs";
import { siteDir } from "./site-files.js";

const startScript = fileURLToPath(new URL("../../../tools/start/start.mjs", import.meta.url));
const decodeHtml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

interface Started {
  child: ChildProcessWithoutNullStreams;
  docsUrl: string;
  mockUrl: string;
  output: () => string;
}

/** Starts the orchestrator and waits (at most 30 s) until it has printed both URLs. */
async function start(args: string[] = ["--docs-port", "0", "--mock-port", "0"]): Promise<Started> {
  const child = spawn(process.execPath, [startScript, ...args], {
    env: { ...process.env, DOCS_PORT: "", MOCK_PORT: "" },
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!/Press Ctrl-C/.test(output)) {
    if (child.exitCode !== null) throw new Error(`start.mjs exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`start.mjs printed no URLs within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const docsUrl = /Docs portal:\s+(\S+)/.exec(output)![1]!;
  const mockUrl = /Mock server:\s+(\S+)/.exec(output)![1]!;
  return { child, docsUrl, mockUrl, output: () => output };
}

/** Sends a signal and waits (at most 10 s) for the exit code. */
async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals) {
  const exited = once(child, "exit");
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  const [code, killedBy] = await exited;
  clearTimeout(timer);
  return { code, killedBy };
}

describe("pnpm start (tools/start/start.mjs)", () => {
  it("serves the portal and the mock; a curl copied from the portal gets 202; SIGTERM stops both", async () => {
    const { child, docsUrl, mockUrl, output } = await start();
    try {
      expect(new URL(docsUrl).hostname).toBe("127.0.0.1");
      expect(new URL(mockUrl).hostname).toBe("127.0.0.1");
      const portal = await fetch(docsUrl);
      expect(portal.status).toBe(200);
      const html = await portal.text();
      expect(html).toContain("<title>dbupgrade");
      expect((await fetch(new URL("specs/dds.yaml", docsUrl))).status).toBe(200);

      // The first try-it command on the portal, pointed at this run's mock port.
      const op = allOperations()[0]!;
      const code = new RegExp(`<code id="curl-${op.api}-${op.operationId}">([\\s\\S]*?)</code>`).exec(html)?.[1];
      expect(code).toBeDefined();
      const curl = decodeHtml(code!).replaceAll(mockOrigin, new URL(mockUrl).origin);
      const { stdout } = await promisify(execFile)("bash", ["-c", curl], { encoding: "utf8", timeout: 30_000 });
      expect(stdout.split("\r\n")[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${op.successStatus}\\b`));
      expect(op.successStatus).toBe(202);
      // The mock's request log line reaches us through the child's stdout pipe, possibly after curl returned.
      await expect
        .poll(output, { timeout: 5_000 })
        .toMatch(new RegExp(`mock: POST /${op.api}/\\S+ ${op.successStatus} `));
    } finally {
      const { code, killedBy } = await stop(child, "SIGTERM");
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
    }
    expect(output()).toContain("SIGTERM: stopping");
    await expect(fetch(docsUrl)).rejects.toThrow();
    await expect(fetch(mockUrl)).rejects.toThrow();
  });

  it("stops cleanly on SIGINT (Ctrl-C)", async () => {
    const { child, output } = await start();
    const { code } = await stop(child, "SIGINT");
    expect(code).toBe(0);
    expect(output()).toContain("SIGINT: stopping");
  });

  it("takes ports from DOCS_PORT / MOCK_PORT and explains a taken port", async () => {
    const taken = await startStaticServer({ root: siteDir, port: 0 });
    try {
      const child = spawn(process.execPath, [startScript], {
        env: { ...process.env, DOCS_PORT: String(taken.port), MOCK_PORT: "0" },
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const [code] = await once(child, "exit");
      expect(code).toBe(1);
      expect(stderr).toContain("--docs-port");
      expect(stderr).toContain(String(taken.port));
    } finally {
      await taken.close();
    }
  });

  it("rejects a port that is not a number", async () => {
    const child = spawn(process.execPath, [startScript, "--mock-port", "40x"]);
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toContain('--mock-port must be a port number (0-65535), got "40x"');
  });
});
