import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { apiMeta, apiNames } from "@dbupgrade/specs";
import { afterEach, describe, expect, it } from "vitest";
import {
  clientFactories,
  clientTakesLanguage,
  codeSamplesFor,
  fillTemplate,
  generatedHeader,
  renderCurlSample,
  renderTypeScriptSample,
  sampleArguments,
  sampleMethod,
  sampleFileName,
  sampleForDocs,
  samplesDirUrl,
  shellQuote,
  toTsLiteral,
} from "../src/code-samples.mjs";
import { allOperations, examplePath, upgradeOperationOf } from "../src/operations.mjs";
import { mockBaseUrl, mockToken } from "../src/local-mock.mjs";
import { diffSamples, expectedSampleFiles, writeSamples } from "../src/sample-files.mjs";

const operations = allOperations();
const generateScript = fileURLToPath(new URL("../scripts/generate-samples.mjs", import.meta.url));
const scratch: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "docs-samples-"));
  scratch.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("operations", () => {
  it("has one record per operation of every API, from the specs metadata", () => {
    const expected = apiNames.flatMap((api) => Object.keys(apiMeta[api].operations).map((id) => `${api}.${id}`));
    expect(operations.map((op) => `${op.api}.${op.operationId}`)).toEqual(expected);
    for (const op of operations) {
      if (op.requestContentType === null) expect(op.exampleBody, `${op.api}.${op.operationId} has no body`).toBeNull();
      else expect(op.exampleBody, `${op.api}.${op.operationId} example`).toBeTypeOf("object");
      expect(examplePath(op)).not.toMatch(/[{}]/);
    }
  });

  it("covers every group of the specs (upgrade, follow, plan)", () => {
    expect(new Set(operations.map((op) => op.group))).toEqual(new Set(["upgrade", "follow", "plan"]));
  });
});

describe("toTsLiteral", () => {
  const values: unknown[] = [
    { instance_ids: ["a", "b"] },
    { databases_instance_infos: [{ current_version: "2.0.48.231200", instance_id: "x" }], delay: "false" },
    {
      "needs-quotes": 1,
      nested: { list: [], empty: {}, flag: true, none: null },
      long: Array.from({ length: 12 }, (_, i) => `id-${i}-${"x".repeat(8)}`),
    },
    [1, "two", false],
    'quote " and \\ and \n',
  ];

  it.each(values.map((v) => [JSON.stringify(v).slice(0, 40), v]))("evaluates back to the value: %s", (_name, value) => {
    const literal = toTsLiteral(value);
    expect(new Function(`return (${literal});`)()).toEqual(value);
  });

  it("leaves identifier keys unquoted and quotes the rest", () => {
    expect(toTsLiteral({ instance_ids: [], "x-y": 1 })).toBe('{\n  instance_ids: [],\n  "x-y": 1,\n}');
  });

  it("rejects values JSON cannot carry", () => {
    expect(() => toTsLiteral({ f: () => 1 })).toThrow(/not a JSON value/);
  });
});

describe("fillTemplate", () => {
  it("fills every placeholder", () => {
    expect(fillTemplate("a {{x}} b {{y}}", { x: "1", y: "2" })).toBe("a 1 b 2");
  });
  it("fails on a placeholder without a value and on an unused value", () => {
    expect(() => fillTemplate("{{x}} {{y}}", { x: "1" })).toThrow(/\{\{y\}\}/);
    expect(() => fillTemplate("{{x}}", { x: "1", z: "2" })).toThrow(/does not use z/);
  });
});

describe("TypeScript samples", () => {
  it.each(operations.map((op) => [`${op.api}.${op.operationId}`, op]))(
    "%s uses the API's client, the mock and the spec example",
    (_name, op) => {
      const text = renderTypeScriptSample(op);
      expect(text.startsWith(`${generatedHeader}\n`)).toBe(true);
      expect(text).toContain(`import { ${clientFactories[op.api]} } from "@dbupgrade/client";`);
      expect(text).toContain(`baseUrl: ${JSON.stringify(mockBaseUrl(op.api))}`);
      expect(text).toContain(`projectId: ${JSON.stringify(op.pathParams["project_id"])}`);
      expect(text).toContain(`auth: { token: ${JSON.stringify(mockToken)} }`);
      expect(text).toContain(`client.${sampleMethod(op)}(${sampleArguments(op)})`);
      expect(sampleMethod(op)).toBe(op.successHasBody ? `${op.operationId}OrThrow` : op.operationId);
      expect(text.includes("language:")).toBe(op.language !== null && clientTakesLanguage(op.api));
      expect(text.includes(`// Follows the job the ${upgradeOperationOf(op.api)} sample started`)).toBe(
        op.group === "follow",
      );
    },
  );

  it("passes the body example to operations with a body, and path and query examples to the others", () => {
    for (const op of operations) {
      const args = sampleArguments(op);
      if (op.requestContentType !== null) expect(args).toBe(toTsLiteral(op.exampleBody));
      else {
        const params = args === "" ? {} : new Function(`return (${args});`)();
        const path = Object.fromEntries(Object.entries(op.pathParams).filter(([name]) => name !== "project_id"));
        expect(params.path ?? {}, `${op.api}.${op.operationId}`).toEqual(path);
        expect(params.query ?? {}, `${op.api}.${op.operationId}`).toEqual(op.queryParams);
      }
    }
  });

  it("shows samples without the generated-file header and refuses files without it", () => {
    const text = renderTypeScriptSample(operations[0]!);
    expect(sampleForDocs(text)).not.toContain("Generated by");
    expect(() => sampleForDocs("const x = 1;\n")).toThrow(/pnpm generate/);
  });

  it("the committed samples are what the generator writes (drift check passes)", () => {
    expect(diffSamples(fileURLToPath(samplesDirUrl))).toEqual({ missing: [], changed: [], extra: [] });
  });
});

describe("drift check", () => {
  it("reports missing, stale and extra samples, and writing fixes them", () => {
    const dir = tempDir();
    const expected = expectedSampleFiles();
    const [first, second] = [...expected.keys()];
    writeSamples(dir, expected);
    writeFileSync(join(dir, first!), "// edited by hand\n");
    rmSync(join(dir, second!));
    writeFileSync(join(dir, "removed.operation.ts"), "export {};\n");
    expect(diffSamples(dir, expected)).toEqual({
      missing: [second],
      changed: [first],
      extra: ["removed.operation.ts"],
    });
    writeSamples(dir, expected);
    expect(diffSamples(dir, expected)).toEqual({ missing: [], changed: [], extra: [] });
    expect(readFileSync(join(dir, first!), "utf8")).toBe(expected.get(first!));
  });

  it("`generate-samples --check` exits 1 on drift and 0 after `generate-samples`", () => {
    const dir = tempDir();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [generateScript, "--dir", dir, ...args], { encoding: "utf8" });
    expect(run("--check").status).toBe(1);
    expect(run().status).toBe(0);
    expect(run("--check").status).toBe(0);
    writeFileSync(join(dir, sampleFileName(operations[0]!)), "// stale\n");
    const drifted = run("--check");
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toContain(`stale   ${sampleFileName(operations[0]!)}`);
  });
});

describe("curl samples", () => {
  it("quotes for POSIX shells, single quotes included", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const echoed = spawnSync("sh", ["-c", `printf %s ${shellQuote(`a'b "c" $HOME \\n`)}`], { encoding: "utf8" });
    expect(echoed.stdout).toBe(`a'b "c" $HOME \\n`);
  });

  it.each(operations.map((op) => [`${op.api}.${op.operationId}`, op]))(
    "%s targets the mock with the spec's method, path, headers and example",
    (_name, op) => {
      const curl = renderCurlSample(op, "http://127.0.0.1:9");
      expect(curl).toContain(`-X ${op.method} 'http://127.0.0.1:9/${op.api}${examplePath(op)}'`);
      expect(curl).toContain(`-H 'X-Auth-Token: ${mockToken}'`);
      if (op.language) expect(curl).toContain(`-H '${op.language.name}: ${op.language.default}'`);
      if (op.requestContentType === null) {
        expect(curl).not.toMatch(/Content-Type|--data/);
        for (const [name, value] of Object.entries(op.queryParams))
          expect(curl).toContain(`${name}=${encodeURIComponent(String(value)).replace(/%20/g, "+")}`);
      } else {
        expect(curl).toContain(`-H 'Content-Type: ${op.requestContentType}'`);
        expect(curl).toContain(JSON.stringify(op.exampleBody, null, 2));
      }
    },
  );

  it("x-codeSamples carry the TypeScript and curl samples under the configured labels", () => {
    const op = operations[0]!;
    const samples = codeSamplesFor(op, renderTypeScriptSample(op));
    expect(samples.map((s) => s.label)).toEqual(["TypeScript", "curl"]);
    expect(samples[1]!.source).toBe(renderCurlSample(op));
  });
});
