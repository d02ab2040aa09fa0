// A small static file server for the built site (node:http, GET/HEAD only). Requests cannot leave
// the root: the decoded path is resolved under it and checked, symlinks included.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { chooseEncoding, createCompressionCache, isCompressible, minCompressBytes } from "./compression.mjs";
import { baseSecurityHeaders, folderLocation, policyForFile, resourcePolicy } from "./security-headers.mjs";
import { contentAddressed } from "./shared-bundle.mjs";

/** @type {Record<string, string>} */
export const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".yml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Maps a request path to a file under `root`, or null when it is malformed or escapes the root.
 * @param {string} root absolute, symlinks resolved
 * @param {string} rawPath the request target (query allowed)
 * @returns {string | null}
 */
export function resolveRequestPath(root, rawPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawPath, "http://localhost").pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0") || pathname.includes("\\")) return null;
  const file = resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return pathname.endsWith("/") ? resolve(file, "index.html") : file;
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {string} message
 */
function sendText(res, status, message) {
  res.writeHead(status, {
    ...baseSecurityHeaders,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Security-Policy": resourcePolicy,
  });
  res.end(`${message}\n`);
}

/**
 * Serves `root` until `close()`.
 * @param {{ root: string, port?: number, host?: string }} options port 0 (default 4000) picks a free one
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, port = 4000, host = "127.0.0.1" }) {
  const realRoot = await realpath(root);
  const compressed = createCompressionCache();
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return sendText(res, 405, "method not allowed");
    }
    let file = resolveRequestPath(realRoot, req.url ?? "/");
    if (!file) return sendText(res, 400, "bad path");
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        // A directory without the trailing slash: redirect so relative links resolve. The target is
        // the folder's own path under the root: the request text (`/.//evil.example/x%2F..`) could
        // otherwise make it `//evil.example/...`, another origin.
        const { search } = new URL(req.url ?? "/", "http://localhost");
        res.writeHead(301, {
          ...baseSecurityHeaders,
          "Content-Security-Policy": resourcePolicy,
          Location: folderLocation(realRoot, file, search),
        });
        return res.end();
      }
      const real = await realpath(file);
      if (!real.startsWith(realRoot + sep)) return sendText(res, 404, "not found");
      file = real;
      info = await stat(file);
      const type = contentTypes[extname(file).toLowerCase()] ?? "application/octet-stream";
      /** @type {Record<string, string | number>} */
      const headers = {
        ...baseSecurityHeaders,
        "Content-Type": type,
        "Content-Length": info.size,
        // Pages revalidate; the shared Redoc bundle is named by its hash, so a browser keeps it across pages.
        "Cache-Control": contentAddressed.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
        "Content-Security-Policy": await policyForFile(file, info),
      };
      const compressible = isCompressible(type) && info.size >= minCompressBytes;
      if (compressible) headers.Vary = "Accept-Encoding";
      const encoding = compressible ? chooseEncoding(req.headers["accept-encoding"]) : null;
      if (encoding) {
        const body = await compressed.get(file, info, encoding);
        res.writeHead(200, { ...headers, "Content-Encoding": encoding, "Content-Length": body.length });
        return res.end(req.method === "HEAD" ? undefined : body);
      }
      res.writeHead(200, headers);
      if (req.method === "HEAD") return res.end();
      createReadStream(file)
        .on("error", () => res.destroy())
        .pipe(res);
    } catch {
      sendText(res, 404, "not found");
    }
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolveListen(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
