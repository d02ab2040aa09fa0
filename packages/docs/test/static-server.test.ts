import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveRequestPath, startStaticServer } from "../src/static-server.mjs";

let base: string;
let root: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "docs-static-"));
  root = join(base, "site");
  mkdirSync(join(root, "specs"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>portal</title>");
  writeFileSync(join(root, "specs", "dds.yaml"), "openapi: 3.1.0\n");
  writeFileSync(join(root, "specs", "dds.json"), "{}");
  writeFileSync(join(root, "favicon.svg"), "<svg/>");
  writeFileSync(join(root, "blob.bin"), "x");
  writeFileSync(join(base, "secret.txt"), "outside the root");
  symlinkSync(join(base, "secret.txt"), join(root, "link-out.txt"));
  server = await startStaticServer({ root, port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

/** Raw request (no URL normalisation by the client, unlike fetch). */
function get(path: string, method = "GET") {
  return new Promise<{ status: number; type: string | undefined; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body, headers: res.headers }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("static server", () => {
  it("listens on 127.0.0.1 and reports its URL", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each([
    ["/", "text/html; charset=utf-8"],
    ["/index.html", "text/html; charset=utf-8"],
    ["/specs/dds.yaml", "application/yaml; charset=utf-8"],
    ["/specs/dds.json", "application/json; charset=utf-8"],
    ["/favicon.svg", "image/svg+xml"],
    ["/blob.bin", "application/octet-stream"],
    ["/index.html?x=1#y", "text/html; charset=utf-8"],
  ])("serves %s as %s", async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.type).toBe(type);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    const head = await get("/index.html", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    const post = await get("/index.html", "POST");
    expect(post.status).toBe(405);
    expect(post.headers["allow"]).toBe("GET, HEAD");
  });

  it("redirects a folder without its slash and 404s what does not exist", async () => {
    const folder = await get("/specs?x=1");
    expect(folder.status).toBe(301);
    expect(folder.headers["location"]).toBe("/specs/?x=1");
    expect((await get("/specs/")).status).toBe(404);
    expect((await get("/missing.html")).status).toBe(404);
  });

  it.each([
    "/.//evil.example/x%2F..%2F..%2Fspecs",
    "//evil.example/%2e%2e/specs",
    "/.//evil.example/%2E%2E/specs?x=1",
    "/%2F%2Fevil.example/..%2F..%2Fspecs",
    "/specs/.//",
  ])("redirects a folder only to a same-origin path: %s", async (path) => {
    const res = await get(path);
    if (res.status === 301) {
      const location = String(res.headers["location"]);
      expect(location).toMatch(/^\/[^/\\]/);
      expect(new URL(location, "http://docs.test").origin).toBe("http://docs.test");
      expect(location).toMatch(/^\/specs\/(\?x=1)?$/);
    } else {
      expect([200, 400, 404]).toContain(res.status);
    }
  });

  it("sends the page's CSP as a header with frame-ancestors, and X-Frame-Options, on pages, files and errors", async () => {
    writeFileSync(
      join(root, "page.html"),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-abc=&#39;"><title>p</title>`,
    );
    const page = await get("/page.html");
    expect(page.headers["content-security-policy"]).toBe(
      "default-src 'none'; script-src 'sha256-abc='; frame-ancestors 'none'",
    );
    expect(page.headers["x-frame-options"]).toBe("DENY");
    const plain = await get("/index.html");
    expect(plain.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    for (const path of ["/specs/dds.yaml", "/favicon.svg", "/missing.html", "/specs"]) {
      const res = await get(path);
      expect(res.headers["x-frame-options"], path).toBe("DENY");
      expect(res.headers["content-security-policy"], path).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    }
  });

  it.each([
    "/../secret.txt",
    "/specs/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/specs/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/%00index.html",
    "/%E0%A4%A",
  ])("never serves a file outside the root: %s", async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain("outside the root");
  });

  it("does not follow a symlink out of the root", async () => {
    const res = await get("/link-out.txt");
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("outside the root");
  });

  it("maps request paths under the root only", () => {
    expect(resolveRequestPath("/srv/site", "/a/b.html")).toBe("/srv/site/a/b.html");
    expect(resolveRequestPath("/srv/site", "/a/")).toBe("/srv/site/a/index.html");
    expect(resolveRequestPath("/srv/site", "/%2e%2e%2f%2e%2e%2fetc/passwd")).toBeNull();
    expect(resolveRequestPath("/srv/site", "/..%2fsite-other/x")).toBeNull();
  });

  it("reports a taken port", async () => {
    await expect(startStaticServer({ root, port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
