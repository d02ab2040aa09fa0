// The package must run where only web platform APIs exist. esbuild bundles src for the browser (it
// fails on any node: import), and the bundle then runs in a bare V8 context that has nothing but
// crypto, TextEncoder and URL: no process, Buffer, require or node: modules.
import { build } from "esbuild";
import { createContext, runInContext } from "node:vm";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function bundle() {
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: ["src/index.ts"],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "aksk",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe("without Node APIs", () => {
  it("bundles for platform browser from src alone, with no Node built-in referenced", async () => {
    const { code, inputs } = await bundle();
    expect(inputs.every((input) => input.startsWith("src/"))).toBe(true);
    expect(code).not.toMatch(/\bnode:|\brequire\(|\bprocess\.|\bBuffer\b/);
  });

  it("signs the official docs vector and verifies it in a context holding only crypto, TextEncoder and URL", async () => {
    const { code } = await bundle();
    const context = createContext({ crypto: globalThis.crypto, TextEncoder, URL });
    runInContext(code, context);
    const outcome = await runInContext(
      `(async () => {
        const request = {
          method: "GET",
          url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
          headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
        };
        const credentials = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };
        const added = await aksk.signRequest(request, credentials, { signedHeaders: ["content-type", "host"] });
        const verified = await aksk.verifyRequest(
          { ...request, headers: { ...request.headers, Authorization: added.Authorization } },
          () => credentials.secretKey,
          { now: new Date(Date.UTC(2019, 10, 15, 3, 40)) },
        );
        return JSON.stringify({ authorization: added.Authorization, verified, hasProcess: typeof process, hasBuffer: typeof Buffer });
      })()`,
      context,
    );
    expect(JSON.parse(outcome)).toEqual({
      authorization:
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
      verified: { ok: true, accessKey: "QTWAOYTTINDUT2QVKYUC" },
      hasProcess: "undefined",
      hasBuffer: "undefined",
    });
  });
});
