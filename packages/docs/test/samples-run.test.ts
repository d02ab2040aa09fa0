// The samples the docs show, run as a reader would run them against the standalone mock server:
// each TypeScript sample (compiled, run with node) and each curl command (run with curl) gets the
// operation's success status and a body that the spec's response schema accepts.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startMockServer } from "@dbupgrade/mocks/server";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import ts from "typescript";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderCurlSample, sampleFileName, samplesDirUrl } from "../src/code-samples.mjs";
import { mockOrigin } from "../src/local-mock.mjs";
import { allOperations, upgradeOperationOf } from "../src/operations.mjs";

// Under this package's node_modules so that `@dbupgrade/client` resolves as it does for the samples.
const runDir = fileURLToPath(new URL("../node_modules/.cache/dbupgrade-docs-samples/", import.meta.url));
const operations = allOperations();
// Asynchronous on purpose: the mock server answers from this process's event loop.
const run = (file: string, args: string[]) =>
  promisify(execFile)(file, args, { encoding: "utf8", timeout: 30_000 }).catch(
    (error: { code?: number; stdout?: string; stderr?: string }) => {
      throw new Error(`${file} exited ${error.code}: ${error.stderr ?? ""}${error.stdout ?? ""}`);
    },
  );
const validator = createSpecValidator();
let mock: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(() => {
  mkdirSync(runDir, { recursive: true });
});
// A fresh fleet for every sample: the mock keeps state (an instance that is upgrading rejects the
// next upgrade request, as the service does), and each sample is meant to be the first request.
beforeEach(async (context) => {
  const op = operations.find((o) => context.task.suite?.name === `${o.api}.${o.operationId}`);
  mock = await startMockServer({ port: 0, ...(op ? scheduledClock(op) : {}) });
});

/**
 * A follow sample of an API whose upgrade example schedules the work (openGauss `start_time`, a
 * date of the reference now in the past) runs on a mock clock an hour before that time, so the
 * scheduled task is still Pending, as it is for a reader who schedules in the future.
 */
function scheduledClock(op: (typeof operations)[number]): { clock?: () => number } {
  if (op.group !== "follow") return {};
  const upgrade = operations.find((o) => o.api === op.api && o.operationId === upgradeOperationOf(op.api))!;
  const startTime = (upgrade.exampleBody as { start_time?: unknown }).start_time;
  if (typeof startTime !== "string") return {};
  const offset = Date.parse(startTime.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) - 3_600_000 - Date.now();
  return { clock: () => Date.now() + offset };
}

/**
 * A follow sample follows what the upgrade sample started (its job and task ids are the ones the
 * upgrade example returns): on the fresh mock, the upgrade's curl sample runs first.
 */
async function runUpgradeSampleFirst(op: (typeof operations)[number]) {
  if (op.group !== "follow") return;
  const upgrade = operations.find((o) => o.api === op.api && o.operationId === upgradeOperationOf(op.api))!;
  const { stdout } = await run("bash", ["-c", renderCurlSample(upgrade, mock.url)]);
  expect(stdout.split("\r\n")[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${upgrade.successStatus}\\b`));
}
afterEach(async () => {
  await mock?.close();
});

describe.each(operations.map((op) => [`${op.api}.${op.operationId}`, op] as const))("%s", (_name, op) => {
  it(`the TypeScript sample gets ${op.successStatus} data from the mock`, async () => {
    const source = readFileSync(new URL(sampleFileName(op), samplesDirUrl), "utf8");
    expect(source).toContain(mockOrigin);
    await runUpgradeSampleFirst(op);
    const pointed = source.replaceAll(mockOrigin, mock.url);
    const { outputText } = ts.transpileModule(pointed, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const file = `${runDir}${sampleFileName(op).replace(/\.ts$/, ".mjs")}`;
    writeFileSync(file, outputText);
    const { stdout, stderr } = await run(process.execPath, [file]);
    expect(stderr).toBe("");
    // A body-less success prints its status (see sampleCall).
    if (!op.successHasBody) return expect(stdout).toBe(`${op.successStatus}\n`);
    const data = JSON.parse(stdout);
    const result = validator.validateResponse(op.api, op.operationId, op.successStatus, data);
    expect(result.issues).toEqual([]);
  });

  it(`the curl sample gets ${op.successStatus} from the mock`, async () => {
    await runUpgradeSampleFirst(op);
    const { stdout } = await run("bash", ["-c", renderCurlSample(op, mock.url)]);
    const [head = "", body = ""] = stdout.split(/\r\n\r\n/, 2);
    expect(head.split("\r\n")[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${op.successStatus}\\b`));
    expect(head).toMatch(/^x-request-id: \S+/im);
    if (!op.successHasBody) return expect(body).toBe("");
    const result = validator.validateResponse(op.api, op.operationId, op.successStatus, JSON.parse(body));
    expect(result.issues).toEqual([]);
  });
});
