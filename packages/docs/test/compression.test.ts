// The docs server compresses what compresses (HTML, JS, JSON, YAML, SVG, CSS) with brotli or gzip as
// the client accepts, says so with Content-Encoding and Vary, and never serves a stale compressed copy.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding } from "../src/compression.mjs";
import { startStaticServer } from "../src/static-server.mjs";

let root: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
const page = `<!doctype html><title>page</title>${"<p>repeated text compresses well</p>\n".repeat(400)}`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "docs-compression-"));
  writeFileSync(join(root, "page.html"), page);
  writeFileSync(join(root, "tiny.html"), "<!doctype html><title>tiny</title>");
  writeFileSync(join(root, "image.png"), Buffer.alloc(4096, 7));
  server = await startStaticServer({ root, port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, acceptEncoding?: string, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
      const req = request({ host: "127.0.0.1", port: server.port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("choosing an encoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["identity", null],
    ["*", "br"],
    ["*;q=0", null],
    ["gzip;q=0, *;q=0.5", "br"],
    ["", null],
    [undefined, null],
    ["GZIP", "gzip"],
    ["br;q=abc, gzip", "gzip"],
  ])("Accept-Encoding %j -> %j", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe("compressed responses", () => {
  it("brotli when accepted, with Vary and the compressed length", async () => {
    const res = await get("/page.html", "gzip, deflate, br");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(page);
  });

  it("gzip for a client without brotli", async () => {
    const res = await get("/page.html", "gzip");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).toString()).toBe(page);
  });

  it("the file as it is when nothing is accepted, still varying on Accept-Encoding", async () => {
    const res = await get("/page.html");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.body.toString()).toBe(page);
  });

  it("HEAD answers the headers of the compressed GET, without a body", async () => {
    const [head, full] = await Promise.all([get("/page.html", "br", "HEAD"), get("/page.html", "br")]);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["content-length"]).toBe(full.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("leaves tiny files and binary files alone", async () => {
    for (const path of ["/tiny.html", "/image.png"]) {
      const res = await get(path, "br, gzip");
      expect(res.headers["content-encoding"], path).toBeUndefined();
      expect(res.headers.vary, path).toBeUndefined();
    }
  });

  it("a changed file is compressed again, never served from the old copy", async () => {
    const file = join(root, "page.html");
    const changed = page.replace("<title>page</title>", "<title>changed page</title>");
    writeFileSync(file, changed);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const res = await get("/page.html", "gzip");
    expect(gunzipSync(res.body).toString()).toBe(changed);
    writeFileSync(file, page);
  });
});
