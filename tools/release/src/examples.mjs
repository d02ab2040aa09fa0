// @ts-check
// `pnpm example [<name>|--list|--all]`: runs the README examples (every packages/*/examples/*.ts) the
// way a newcomer would want to, from the repository root on Node 20: each one transpiled with esbuild,
// against a mock server started for it alone. A fresh mock per example means no example finds an
// instance that another one left "upgrading": the order never matters.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { repoRoot, workspacePackages } from "./workspace.mjs";

const releaseDir = fileURLToPath(new URL("..", import.meta.url));
// Transpiled examples live inside tools/release so that they resolve the packages from its node_modules.
const outDir = join(releaseDir, ".examples");

/** @typedef {{ name: string, file: string, kind: "node" | "vitest" | "browser", summary: string }} Example */

/** @returns {Example["kind"]} */
function kindOf(code) {
  if (/from "vitest"/.test(code)) return "vitest";
  if (/from "@dbupgrade\/mocks\/browser"/.test(code)) return "browser";
  return "node";
}

/**
 * The comment that opens an example; else the heading its code block sits under in the package README;
 * for a bare "Usage" heading, the package's description.
 */
function summaryOf(code, readme, description = "") {
  const opening = code.match(/^\/\/ (.+)$/)?.[1];
  if (opening) return opening.replace(/\.$/, "");
  const at = readme.indexOf(code.trim());
  const heading = (at < 0 ? [] : [...readme.slice(0, at).matchAll(/^#{2,4} (.+)$/gm)]).at(-1)?.[1] ?? "";
  const sentence = description.split(/[.:](?:\s|$)/)[0]?.trim() ?? "";
  return heading && heading !== "Usage" ? heading : sentence.length > 90 ? `${sentence.slice(0, 89)}…` : sentence;
}

/** @returns {Example[]} */
export function listExamples() {
  const examples = [];
  for (const pkg of workspacePackages()) {
    let files = [];
    try {
      files = readdirSync(join(pkg.dir, "examples"))
        .filter((f) => f.endsWith(".ts"))
        .sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const path = join(pkg.dir, "examples", file);
      const code = readFileSync(path, "utf8");
      const readme = existsSync(join(pkg.dir, "README.md")) ? readFileSync(join(pkg.dir, "README.md"), "utf8") : "";
      examples.push({
        name: `${basename(pkg.dir)}/${file.replace(/\.ts$/, "")}`,
        file: path,
        kind: kindOf(code),
        summary: summaryOf(code, readme, pkg.manifest.description),
      });
    }
  }
  return examples;
}

function spawnLogged(command, args, options) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

async function runNodeExample(example, env) {
  const { code } = await transform(readFileSync(example.file, "utf8"), {
    loader: "ts",
    format: "esm",
    target: "node20",
    sourcefile: example.file,
  });
  const target = join(outDir, `${example.name.replace("/", "--")}.mjs`);
  writeFileSync(target, code);
  return spawnLogged(process.execPath, [join(releaseDir, "src/run-example-module.mjs"), target], {
    cwd: repoRoot,
    env,
  });
}

async function runVitestExample(example, env) {
  const target = join(outDir, `${example.name.replace("/", "--")}.test.ts`);
  writeFileSync(target, readFileSync(example.file, "utf8"));
  const vitest = join(releaseDir, "node_modules/vitest/vitest.mjs");
  return spawnLogged(
    process.execPath,
    [vitest, "run", "--config", join(releaseDir, "examples.vitest.config.mjs"), target],
    { cwd: releaseDir, env },
  );
}

/** `dbupgrade apply --wait` of every eligible DDS instance of the mock, writing `report`. */
function applyWithTheCli(mockUrl, report, env, log) {
  const manifest = createRequire(import.meta.url).resolve("@dbupgrade/cli/package.json");
  const bin = join(manifest, "..", JSON.parse(readFileSync(manifest, "utf8")).bin.dbupgrade);
  const args = [
    "apply",
    "--service",
    "dds",
    "--all",
    "--yes",
    "--wait",
    "--report",
    report,
    "--endpoint",
    `${mockUrl}/dds`,
    "--project-id",
    "619d3e78f61b4be68bc5aa0b59edcf7b",
  ];
  log(`   its report first: dbupgrade ${args.join(" ")}`);
  return spawnLogged(process.execPath, [bin, ...args], { cwd: repoRoot, env });
}

/** Runs one example against a mock server of its own; resolves to the exit code. */
export async function runExample(example, { log = console.log } = {}) {
  if (example.kind === "browser") {
    log(
      `${example.name} runs in a browser page (MSW service worker); packages/mocks/test/browser.test.ts runs it in Chromium.`,
    );
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  const { startMockServer } = await import("@dbupgrade/mocks/server");
  const { defaultMockCredentials } = await import("@dbupgrade/mocks");
  // An example that reads a `dbupgrade` report (the CLI's) gets one: the real bin applies and waits
  // against the same fresh mock first, with one-second jobs.
  const readsReport = /from "@dbupgrade\/cli\/report"/.test(readFileSync(example.file, "utf8"));
  // Short jobs (npm start's mock runs 20 s ones): an example that follows jobs, a rollout in four waves among them,
  // then ends in seconds rather than minutes, with the same outcomes.
  const server = await startMockServer({ port: 0, seed: 1, jobDurationMs: readsReport ? 1_000 : 2_000 });
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    DBUPGRADE_MOCK_URL: server.url,
    DBUPGRADE_MOCK_TOKEN: defaultMockCredentials.token,
    DBUPGRADE_MOCK_AK: defaultMockCredentials.accessKey,
    DBUPGRADE_MOCK_SK: defaultMockCredentials.secretKey,
  };
  log(`== ${example.name} (${example.kind}) against a fresh mock server on ${server.url}`);
  try {
    if (readsReport) {
      const report = join(outDir, `${example.name.replace("/", "--")}.report.json`);
      const code = await applyWithTheCli(
        server.url,
        report,
        { ...env, DBUPGRADE_TOKEN: defaultMockCredentials.token },
        log,
      );
      if (code !== 0) return code;
      env.DBUPGRADE_REPORT = report;
    }
    return example.kind === "vitest" ? await runVitestExample(example, env) : await runNodeExample(example, env);
  } finally {
    await server.close();
  }
}

const usage = `usage: pnpm example <name> [<name>...] | --list | --all

Runs the README examples (packages/*/examples/*.ts) on this Node, each against a mock server started
for it (DBUPGRADE_MOCK_URL points at it). Names come from --list, e.g. client/token-client.`;

export async function runExampleCli(args) {
  const examples = listExamples();
  if (args.includes("--help") || args.includes("-h") || args.length === 0) {
    console.log(usage);
    return args.length === 0 ? 2 : 0;
  }
  if (args.includes("--list")) {
    const width = Math.max(...examples.map((e) => e.name.length));
    for (const e of examples) console.log(`${e.name.padEnd(width)}  ${e.kind.padEnd(7)}  ${e.summary}`);
    return 0;
  }
  const chosen = args.includes("--all") ? examples : args.map((name) => examples.find((e) => e.name === name) ?? name);
  const unknown = chosen.filter((e) => typeof e === "string");
  if (unknown.length) {
    console.error(`unknown example ${unknown.join(", ")}; \`pnpm example --list\` shows the names`);
    return 2;
  }
  let failed = 0;
  for (const example of chosen) if ((await runExample(example)) !== 0) failed++;
  if (chosen.length > 1) console.log(`\n${chosen.length - failed} of ${chosen.length} examples passed`);
  return failed ? 1 : 0;
}
