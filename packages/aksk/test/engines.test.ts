// The two hash engines (WebCrypto for browsers, node:crypto for Node) and which one each entry uses.
import { build } from "esbuild";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nodeCryptoEngine } from "../src/digest-node.js";
import { currentHashEngine, useHashEngine, webCryptoEngine } from "../src/digest.js";
import { signRequest } from "../src/index.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("hash engines", () => {
  afterEach(() => {
    useHashEngine(webCryptoEngine);
    vi.restoreAllMocks();
  });

  it("agree on SHA-256 and HMAC-SHA256 of any text and bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme" }),
        fc.string({ minLength: 1 }),
        fc.uint8Array(),
        async (text, key, bytes) => {
          expect(nodeCryptoEngine.sha256Hex(text)).toBe(await webCryptoEngine.sha256Hex(text));
          expect(nodeCryptoEngine.sha256Hex(bytes)).toBe(await webCryptoEngine.sha256Hex(bytes));
          expect(nodeCryptoEngine.sha256Hex(bytes.buffer)).toBe(await webCryptoEngine.sha256Hex(bytes.buffer));
          expect(nodeCryptoEngine.hmacSha256Hex(key, text)).toBe(await webCryptoEngine.hmacSha256Hex(key, text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("node:crypto answers synchronously", () => {
    expect(nodeCryptoEngine.sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("WebCrypto imports the HMAC key once per secret, not once per signature", async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, "importKey");
    const request = { method: "POST", url: "https://example.com/v3/p/x", body: "{}" };
    const secretKey = `engine-test-secret-${Math.random()}`;
    const first = await signRequest(request, { accessKey: "AK", secretKey }, { date: new Date(0) });
    const second = await signRequest(request, { accessKey: "AK", secretKey }, { date: new Date(0) });
    expect(second).toEqual(first);
    expect(importKey).toHaveBeenCalledTimes(1);
    await signRequest(request, { accessKey: "AK", secretKey: `${secretKey}-other` }, { date: new Date(0) });
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it("signs the same request to the same Authorization with either engine", async () => {
    const request = {
      method: "POST",
      url: "https://example.com/v3/p/instances/db-upgrade?x=1",
      headers: { "Content-Type": "application/json" },
      body: '{"instance_ids":["a"]}',
    };
    const credentials = { accessKey: "AK", secretKey: "SK" };
    const web = await signRequest(request, credentials, { date: new Date(0), projectId: "p" });
    useHashEngine(nodeCryptoEngine);
    const node = await signRequest(request, credentials, { date: new Date(0), projectId: "p" });
    expect(node).toEqual(web);
  });
});

describe("entry points", () => {
  it("Node resolves the package to the node:crypto entry", () => {
    const script = `const m = await import("@dbupgrade/aksk"); const d = await import(new URL("./digest.js", import.meta.resolve("@dbupgrade/aksk")));
      process.stdout.write(JSON.stringify({ entry: import.meta.resolve("@dbupgrade/aksk").split("/").slice(-2).join("/"), engine: d.currentHashEngine().name, sign: typeof m.signRequest }));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual({ entry: "dist/node.js", engine: "node:crypto", sign: "function" });
  });

  it("a browser bundle of the package resolves the WebCrypto entry and holds no node:crypto", async () => {
    const result = await build({
      stdin: {
        contents: `export { signRequest, verifyRequest } from "@dbupgrade/aksk";`,
        resolveDir: packageDir,
        loader: "js",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith("dist/digest.js"))).toBe(true);
    expect(inputs.some((input) => /digest-node|dist\/node\.js/.test(input))).toBe(false);
    expect(result.outputFiles[0]!.text).not.toContain("node:crypto");
  });

  it("the default engine in a fresh module graph is WebCrypto", () => {
    expect(currentHashEngine()).toBe(webCryptoEngine);
  });
});
