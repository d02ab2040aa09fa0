// The service registry is complete by type: an API without an entry, or an entry without one of its
// pieces, is a compile error that names what is missing. Checked by compiling small programs against
// the real sources with the TypeScript compiler.
import { apiNames } from "@dbupgrade/meta";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { upgradeServices } from "../src/index.js";
import * as client from "../src/index.js";

const dir = fileURLToPath(new URL("./", import.meta.url));

// The probes, compiled together in one program (one compile is what costs).
const probes = {
  missingApi: `
      import type { UpgradeServices } from "../src/index.js";
      import { ddsService } from "../src/services/dds/service.js";
      import { geminidbService } from "../src/services/geminidb/service.js";
      import { taurusdbService } from "../src/services/taurusdb/service.js";
      export const services: UpgradeServices = { geminidb: geminidbService, taurusdb: taurusdbService, dds: ddsService };
    `,
  missingPiece: `
      import type { UpgradeService } from "../src/index.js";
      import { ddsService } from "../src/services/dds/service.js";
      const { poller: _left, ...rest } = ddsService;
      export const incomplete: UpgradeService<"dds"> = rest;
    `,
  complete: `
      import { upgradeServices, type UpgradeServices } from "../src/index.js";
      export const services: UpgradeServices = upgradeServices;
    `,
};
type Probe = keyof typeof probes;

let compiled: Record<Probe, string[]> | undefined;

/** Compile errors of each probe, as if it were a file in test/ (imports resolve as the tests' do). */
function errorsOf(probe: Probe): string[] {
  if (compiled === undefined) {
    const files = new Map(Object.entries(probes).map(([name, source]) => [`${dir}registry-probe-${name}.ts`, source]));
    const root = fileURLToPath(new URL("../", import.meta.url));
    const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    compiled = Object.fromEntries(
      Object.keys(probes).map((name) => [
        name,
        diagnostics
          .filter((d) => d.file?.fileName === `${dir}registry-probe-${name}.ts`)
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
      ]),
    ) as Record<Probe, string[]>;
  }
  return compiled[probe];
}

describe("the service registry", () => {
  // One compile of the sources: seconds, more on a loaded machine.
  beforeAll(() => void errorsOf("complete"), 120_000);

  it("has one entry per API of the specs, each under its own name, with its client factory exported", () => {
    expect(Object.keys(upgradeServices).sort()).toEqual([...apiNames].sort());
    for (const api of apiNames) {
      expect(upgradeServices[api].api).toBe(api);
      expect(typeof (client as Record<string, unknown>)[upgradeServices[api].clientFactory]).toBe("function");
    }
  });

  it("does not compile while an API has no entry, and the error names the API", () => {
    const errors = errorsOf("missingApi");
    expect(errors.join("\n")).toMatch(/Property 'gaussdb' is missing/);
  });

  it("does not compile while an entry lacks a piece, and the error names the piece", () => {
    const errors = errorsOf("missingPiece");
    expect(errors.join("\n")).toMatch(/Property 'poller' is missing/);
  });

  it("compiles the complete registry (the probe itself is sound)", () => {
    expect(errorsOf("complete")).toEqual([]);
  });
});
