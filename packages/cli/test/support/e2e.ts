// Running the real `dbupgrade` executable (the esbuild bundle the package ships) against the
// standalone mock server in this process, and watching what reaches the server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import type { RunningMockServer } from "@dbupgrade/mocks/server";
import { apiMeta, apiNames } from "@dbupgrade/specs/meta";
import { http } from "msw";
import type { ReportFile } from "../../src/report/types.js";
import { projectId, tempDir } from "./report.js";

export const bin = fileURLToPath(new URL("../../dist/bundle/dbupgrade.js", import.meta.url));
if (!existsSync(bin))
  throw new Error(`${bin} is missing: build the package first (pnpm --filter @dbupgrade/cli build)`);

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  done: Promise<Finished>;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the process after this long (a test must never hang). */
  timeoutMs?: number;
}

/** Environment of a CI job pointed at the mock: a token, the project, no color, no config file. */
export function mockEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: tempDir(),
    DBUPGRADE_TOKEN: defaultMockCredentials.token,
    HUAWEICLOUD_SDK_PROJECT_ID: projectId,
    NO_COLOR: "1",
    ...overrides,
  };
}

export function start(args: readonly string[], options: RunOptions = {}): Started {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? tempDir(),
    env: options.env ?? mockEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const done = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

export const dbupgrade = (args: readonly string[], options: RunOptions = {}): Promise<Finished> =>
  start(args, options).done;

/** Upgrade requests as the server received them: which instances each carried, in arrival order. */
export interface Recorder {
  requests: { api: string; instanceIds: string[] }[];
  sent(): string[];
}

/** Records every upgrade POST at the server and lets it through to the mock's own handlers. */
export function recordUpgrades(server: RunningMockServer): Recorder {
  const recorder: Recorder = {
    requests: [],
    sent: () => recorder.requests.flatMap((r) => r.instanceIds),
  };
  // The upgrade operations are the ones the specs give a batch limit to (group "upgrade").
  const upgrades = apiNames.flatMap((api) =>
    Object.values(apiMeta[api].operations as Record<string, { method: string; path: string; batch?: unknown }>)
      .filter((op) => op.batch != null)
      .map((op) => ({
        api,
        method: op.method.toUpperCase(),
        path: new RegExp(`^/${api}${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      })),
  );
  server.use(
    http.all("*", async ({ request }) => {
      const path = new URL(request.url).pathname;
      const upgrade = upgrades.find((u) => u.method === request.method && u.path.test(path));
      if (upgrade === undefined) return undefined;
      const body = (await request.clone().json()) as {
        instance_ids?: string[];
        databases_instance_infos?: { instance_id: string }[];
      };
      recorder.requests.push({
        api: upgrade.api,
        instanceIds: body.instance_ids ?? body.databases_instance_infos?.map((i) => i.instance_id) ?? [],
      });
      return undefined; // not answered here: the mock's handlers answer
    }),
  );
  return recorder;
}

export function readJson(path: string): ReportFile {
  return JSON.parse(readFileSync(path, "utf8")) as ReportFile;
}

/** Polls `check` until it is true (or throws after timeoutMs). */
export async function until(check: () => boolean, timeoutMs = 20_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Safe read of a report that another process is writing (atomic renames: always whole, maybe absent). */
export function peek(path: string): ReportFile | undefined {
  try {
    return readJson(path);
  } catch {
    return undefined;
  }
}
