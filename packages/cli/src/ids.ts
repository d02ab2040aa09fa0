// Instance ids from the command line or a file: one per line or comma-separated, `#` starts a comment,
// blanks are ignored. A file that cannot be read, or that is not text, is a usage error (exit 2).
// Whether an id is acceptable to the API is the client's call, not this parser's.
import { readFileSync } from "node:fs";
import { usageError } from "./errors.js";

/** Larger files are refused before reading: a fleet is thousands of ids, not megabytes. */
export const MAX_IDS_FILE_BYTES = 8 * 1024 * 1024;

export function parseIdList(text: string, source: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text))
    throw usageError(`${source} is not a text file of instance ids (it has control characters)`);
  const ids: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const content = line.replace(/#.*/, "");
    for (const part of content.split(/[,\s]+/)) if (part !== "") ids.push(part);
  }
  return ids;
}

export function readIdsFile(path: string, readStdin: () => string = () => readFileSync(0, "utf8")): string[] {
  const source = path === "-" ? "standard input" : `ids file ${path}`;
  let text: string;
  try {
    if (path === "-") text = readStdin();
    else {
      const buffer = readFileSync(path);
      if (buffer.length > MAX_IDS_FILE_BYTES) throw usageError(`${source} is larger than ${MAX_IDS_FILE_BYTES} bytes`);
      text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    }
  } catch (error) {
    if (error instanceof Error && error.name === "CliError") throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code))
      throw usageError(
        `cannot read ${source}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code}`,
      );
    throw usageError(`${source} is not UTF-8 text`);
  }
  const ids = parseIdList(text, source);
  if (ids.length === 0) throw usageError(`${source} lists no instance ids`);
  return ids;
}
