// Report files for tests: a fresh one for a list of instances, in a temporary directory.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReportStore } from "../../src/report/store.js";
import { REPORT_FORMAT, type InstanceRecord, type ReportFile } from "../../src/report/types.js";

export const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "dbupgrade-cli-"));
}

export function newReport(service: string, instances: Partial<InstanceRecord>[] | string[]): ReportFile {
  const now = new Date().toISOString();
  return {
    format: REPORT_FORMAT,
    service,
    createdAt: now,
    updatedAt: now,
    target: { projectId },
    options: {},
    phase: "planned",
    instances: instances.map((i) =>
      typeof i === "string" ? { instanceId: i, eligible: true } : { eligible: true, instanceId: "x", ...i },
    ),
    notes: [],
    runs: [],
  };
}

export function newStore(service: string, ids: string[], dir = tempDir()): ReportStore {
  return new ReportStore(join(dir, "report.json"), newReport(service, ids));
}
