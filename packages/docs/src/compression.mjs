// Compressed responses for the static server: brotli or gzip, chosen from Accept-Encoding, computed
// once per file version and kept in memory (the site is a handful of files; the Redoc bundle alone is
// 2.3 MB and shrinks to a quarter). Brotli runs at quality 5: within a few percent of gzip's time,
// smaller output; quality 11 would take half a minute per bundle on a small machine.
import { readFile } from "node:fs/promises";
import { brotliCompress, constants, gzip } from "node:zlib";
import { promisify } from "node:util";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Smaller bodies are sent as they are: the headers would eat the saving. */
export const minCompressBytes = 1024;

/** @param {string} contentType */
export function isCompressible(contentType) {
  return /^(text\/|application\/(json|yaml|javascript)|image\/svg\+xml)/.test(contentType);
}

/**
 * The encoding to answer with: `br` when accepted, else `gzip`, else none (identity). Honours `q=0`
 * and `*`.
 * @param {string | undefined} acceptEncoding
 * @returns {"br" | "gzip" | null}
 */
export function chooseEncoding(acceptEncoding) {
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepted = (/** @type {string} */ name) => (weights.get(name) ?? weights.get("*") ?? 0) > 0;
  if (accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return null;
}

/**
 * @param {Buffer} body
 * @param {"br" | "gzip"} encoding
 */
export function compress(body, encoding) {
  return encoding === "br"
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body, { level: 6 });
}

/** A cache of compressed bodies keyed by path, encoding and file version (size and mtime). */
export function createCompressionCache(maxEntries = 64) {
  /** @type {Map<string, Promise<Buffer>>} */
  const entries = new Map();
  return {
    /**
     * @param {string} file
     * @param {{ size: number, mtimeMs: number }} info
     * @param {"br" | "gzip"} encoding
     */
    get(file, info, encoding) {
      const key = `${encoding}\0${info.size}\0${info.mtimeMs}\0${file}`;
      let entry = entries.get(key);
      if (!entry) {
        entry = readFile(file).then((body) => compress(body, encoding));
        entry.catch(() => entries.delete(key));
        if (entries.size >= maxEntries) entries.delete(/** @type {string} */ (entries.keys().next().value));
        entries.set(key, entry);
      }
      return entry;
    },
  };
}
