// @ts-check
// Records the README's rollout walkthrough: a canary and waves with a stop rule, the built `dbupgrade`
// against the standalone mock server (one job in the second wave fails), then the resume with a larger
// threshold. The mock listens on a free port; the transcript shows it as 127.0.0.1:4010, where
// `npm start` serves it. Rewrites the block between the waves-session markers in README.md.
// Run after the build: node scripts/record-waves-session.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer } from "@dbupgrade/mocks/server";

const bin = fileURLToPath(new URL("../dist/bundle/dbupgrade.js", import.meta.url));
const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const server = await startMockServer({ port: 0, seed: 1, jobDurationMs: 3_000, visibilityDelayMs: 500 });
const dir = mkdtempSync(join(tmpdir(), "dbupgrade-waves-session-"));
const env = {
  PATH: process.env.PATH,
  HOME: dir,
  DBUPGRADE_TOKEN: defaultMockCredentials.token,
  HUAWEICLOUD_SDK_PROJECT_ID: "619d3e78f61b4be68bc5aa0b59edcf7b",
};
const endpoint = server.baseUrlOf("dds");
const shown = (text) => text.split(server.url).join("http://127.0.0.1:4010").split(dir).join(".");

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ output, code }));
  });
}

while (server.mock.fleet.instances("dds", { status: "available" }).length < 7)
  server.mock.fleet.add("dds", { status: "available" });
const ids = server.mock.fleet
  .instances("dds", { status: "available" })
  .slice(0, 7)
  .map((i) => i.id);
writeFileSync(join(dir, "ids.txt"), `${ids.join("\n")}\n`);

// The waves take the plan's order: fail one job of the second wave (the first after the canary).
const plan = JSON.parse(
  (await run(["plan", "--service", "dds", "--ids-file", "ids.txt", "--endpoint", endpoint, "--json"])).output,
);
const order = plan.rows.filter((r) => r.eligible).map((r) => r.instanceId);
server.mock.scenario("failingJob", { api: "dds", instances: [order[2]], failReason: "Patch package check failed." });

let transcript = "";
for (const args of [
  [
    "apply",
    "--service",
    "dds",
    "--ids-file",
    "ids.txt",
    "--endpoint",
    endpoint,
    "--canary",
    "1",
    "--wave-size",
    "3",
    "--max-errors",
    "0",
    "--report",
    "run.json",
    "--yes",
    "--poll-interval",
    "1",
  ],
  ["apply", "--resume", "run.json", "--max-errors", "1", "--yes", "--poll-interval", "1"],
]) {
  const { output, code } = await run(args);
  transcript += `$ dbupgrade ${args.join(" ")}\n${output}$ echo $?\n${code}\n\n`;
}
const report = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
transcript += `$ jq -c '.rollout.waves[] | {index, kind, members: (.members | length), outcome, confirmed, errors}' run.json\n`;
for (const w of report.rollout.waves)
  transcript += `${JSON.stringify({ index: w.index, kind: w.kind, members: w.members.length, outcome: w.outcome, confirmed: w.confirmed, errors: w.errors })}\n`;
await server.close();

const text = readFileSync(readme, "utf8");
const start = text.indexOf("<!-- waves-session:start -->");
const end = text.indexOf("<!-- waves-session:end -->");
if (start < 0 || end < start) throw new Error("README.md has no waves-session markers");
const block = `<!-- waves-session:start -->\n\`\`\`text\n${shown(transcript).trimEnd()}\n\`\`\`\n`;
writeFileSync(readme, text.slice(0, start) + block + text.slice(end));
console.log(shown(transcript));
