// Node: reads a recording directory (`dbupgrade record --out DIR`): manifest.json and the files it names.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRecordingFiles, type RecordedFleet, type RecordingFiles } from "./recorded-fleet.js";

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the recording file ${path}: ${(error as Error).message}`);
  }
}

/** The fleet of a recording directory, for `createMockApi({ fleet: loadRecording(dir) })` or `dbupgrade-mock --fleet DIR`. */
export function loadRecording(dir: string): RecordedFleet {
  const manifest = readJson(join(dir, "manifest.json")) as RecordingFiles["manifest"] & { files?: unknown };
  const files = (manifest?.files ?? {}) as Record<string, unknown>;
  const answers: RecordingFiles["answers"] = {};
  for (const [api, file] of Object.entries(files)) {
    // Only a plain file name inside the directory: a manifest must not point elsewhere.
    if (typeof file !== "string" || !/^[a-z0-9-]+\.json$/.test(file))
      throw new Error(`the manifest names an unexpected file for ${api}: ${JSON.stringify(file)}`);
    answers[api as keyof RecordingFiles["answers"]] = readJson(join(dir, file));
  }
  return loadRecordingFiles({ manifest, answers });
}
