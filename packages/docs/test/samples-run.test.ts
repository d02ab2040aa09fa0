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
import { allOperations } from "../src/operations.mjs";

// Under this package's node_modules so that `@dbupgrade/client` resolves as it does for the samples.
const runDir = fileURLToPath(new URL("../node_modules/.cache/dbupgrade-docs-samples/", import.meta.url));
const operations = allOperations();
// Asynchronous on purpose: the mock server answers from this process's event loop.
const run = (file: string, args: string[]) =>
  promisify(execFile)(file, args, { encoding: "utf8", timeout: 30_000 }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    throw new Error(`${file} exited ${error.code}: ${error.stderr ?? ""}${error.stdout ?? ""}`);
  });
const validator = createSpecValidator();
let mock: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(() => {
  mkdirSync(runDir, { recursive: true });
});
// A fresh fleet for every sample: the mock keeps state (an instance that is upgrading rejects the
// next upgrade request, as the service does), and each sample is meant to be the first request.
beforeEach(async () => {
  mock = await startMockServer({ port: 0 });
});
afterEach(async () => {
  await mock?.close();
});

describe.each(operations.map((op) => [`${op.api}.${op.operationId}`, op] as const))("%s", (_name, op) => {
  it(`the TypeScript sample gets ${op.successStatus} data from the mock`, async () => {
    const source = readFileSync(new URL(sampleFileName(op), samplesDirUrl), "utf8");
    expect(source).toContain(mockOrigin);
    const pointed = source.replaceAll(mockOrigin, mock.url);
    const { outputText } = ts.transpileModule(pointed, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const file = `${runDir}${sampleFileName(op).replace(/\.ts$/, ".mjs")}`;
    writeFileSync(file, outputText);
    const { stdout, stderr } = await run(process.execPath, [file]);
    expect(stderr).toBe("");
    const data = JSON.parse(stdout);
    const result = validator.validateResponse(op.api, op.operationId, op.successStatus, data);
    expect(result.issues).toEqual([]);
  });

  it(`the curl sample gets ${op.successStatus} from the mock`, async () => {
    const { stdout } = await run("bash", ["-c", renderCurlSample(op, mock.url)]);
    const [head = "", body = ""] = stdout.split(/\r\n\r\n/, 2);
    expect(head.split("\r\n")[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${op.successStatus}\\b`));
    expect(head).toMatch(/^x-request-id: \S+/im);
    const result = validator.validateResponse(op.api, op.operationId, op.successStatus, JSON.parse(body));
    expect(result.issues).toEqual([]);
  });
});
