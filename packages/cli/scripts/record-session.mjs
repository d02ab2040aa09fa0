// @ts-check
// Records the README's walkthrough: the built `dbupgrade` against the standalone mock server, the
// commands a newcomer types, and what they print (stdout and stderr as they arrive, then the exit
// code). The mock listens on a free port; the transcript shows it as 127.0.0.1:4010, where `npm start`
// serves it. Rewrites the block between the session markers in README.md.
// Run after the build: node scripts/record-session.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer } from "@dbupgrade/mocks/server";

const bin = fileURLToPath(new URL("../dist/bundle/dbupgrade.js", import.meta.url));
const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const server = await startMockServer({ port: 0, seed: 1, jobDurationMs: 4_000, visibilityDelayMs: 1_000 });
const dir = mkdtempSync(join(tmpdir(), "dbupgrade-session-"));
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

const available = server.mock.fleet
  .instances("dds", { status: "available" })
  .slice(0, 5)
  .map((i) => i.id);
const busy = server.mock.fleet.instances("dds", { status: "frozen" })[0].id;
writeFileSync(join(dir, "ids.txt"), [...available, busy].join("\n") + "\n");

let transcript = `$ cat ids.txt\n${readFileSync(join(dir, "ids.txt"), "utf8")}\n`;
for (const args of [
  ["plan", "--service", "dds", "--ids-file", "ids.txt", "--endpoint", endpoint],
  ["apply", "--service", "dds", "--ids-file", "ids.txt", "--endpoint", endpoint, "--report", "run.json", "--yes"],
  ["wait", "--report", "run.json", "--poll-interval", "1"],
  ["report", "run.json"],
]) {
  const { output, code } = await run(args);
  transcript += `$ dbupgrade ${args.join(" ")}\n${output}$ echo $?\n${code}\n\n`;
}
await server.close();

const text = readFileSync(readme, "utf8");
const start = text.indexOf("<!-- session:start -->");
const end = text.indexOf("<!-- session:end -->");
if (start < 0 || end < start) throw new Error("README.md has no session markers");
const block = `<!-- session:start -->\n\`\`\`text\n${shown(transcript).trimEnd()}\n\`\`\`\n`;
writeFileSync(readme, text.slice(0, start) + block + text.slice(end));
console.log(shown(transcript));
