// A fleet seeded from a recording (`dbupgrade record`): the recorded instances with their statuses,
// versions, engines and windows, instead of the PRNG's; jobs then run on the mock clock as usual.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultMockCredentials } from "../src/credentials.js";
import { createMockApi } from "../src/mock-api.js";
import { loadRecordingFiles, type RecordingFiles } from "../src/recorded-fleet.js";
import { loadRecording } from "../src/recording-files.js";
import { ensureBuilt, packageDir } from "./helpers/built.js";

const list = (instances: unknown[]) => ({
  operationId: "listInstances",
  method: "GET",
  path: "/v3/{project_id}/instances",
  request: { path: {}, query: { offset: 0, limit: 100 } },
  status: 200,
  body: { instances, total_count: instances.length },
});

const recording: RecordingFiles = {
  manifest: { format: "dbupgrade-recording/1", recordedAt: "2026-12-01T10:00:00.000Z", services: ["dds", "geminidb"] },
  answers: {
    dds: [
      list([
        {
          id: "00000000000000000000000000000002in02",
          name: "name-1",
          status: "normal",
          actions: [],
          maintenance_window: "22:00-02:00",
          datastore: { type: "DDS-Community", version: "4.0", patch_available: true, whole_version: "4.0.3.112" },
        },
        {
          id: "00000000000000000000000000000003in02",
          name: "name-2",
          status: "normal",
          actions: ["UPGRADING"],
          maintenance_window: "02:00-06:00",
          datastore: { type: "DDS-Community", version: "4.4", patch_available: false, whole_version: "4.4.4.25" },
        },
        {
          id: "00000000000000000000000000000004in02",
          name: "name-3",
          status: "resizing",
          actions: [],
          maintenance_window: "02:00-06:00",
          datastore: { type: "DDS-Community", version: "4.0", whole_version: "4.0.3.131" },
        },
      ]),
    ],
    geminidb: [
      list([
        {
          id: "00000000000000000000000000000005in13",
          name: "name-4",
          status: "frozen",
          actions: [],
          maintenance_window: "03:00-04:00",
          datastore: { type: "influxdb", version: "1.8", patch_available: true },
        },
      ]),
    ],
  },
};

describe("loadRecordingFiles", () => {
  it("reads the instances as the services listed them, with notes for what the mock does not simulate", () => {
    const fleet = loadRecordingFiles(recording);
    expect(fleet.recordedAt).toBe("2026-12-01T10:00:00.000Z");
    expect(fleet.instances.dds!.map((i) => [i.status, i.version, i.maintenanceWindow, i.patchAvailable])).toEqual([
      ["available", "4.0.3.112", "22:00-02:00", true],
      ["upgrading", "4.4.4.25", "02:00-06:00", false],
      ["abnormal", "4.0.3.131", "02:00-06:00", false],
    ]);
    expect(fleet.instances.geminidb).toEqual([
      expect.objectContaining({ status: "frozen", engine: "Influx", version: "1.8", patchAvailable: true }),
    ]);
    expect(fleet.notes).toEqual([expect.stringContaining('status "resizing" is not simulated')]);
    expect(fleet.instances.taurusdb).toBeUndefined();
  });

  it("refuses what is not a recording", () => {
    expect(() => loadRecordingFiles({ manifest: { format: "something-else" }, answers: {} })).toThrow(
      /not a dbupgrade recording/,
    );
  });
});

describe("a mock seeded from a recording", () => {
  it("serves the recorded instances, and an upgrade then runs on the mock clock", () => {
    let now = Date.parse("2026-12-05T00:00:00Z");
    const mock = createMockApi({ fleet: loadRecordingFiles(recording), clock: () => now, jobDurationMs: 1000 });
    expect(mock.fleet.instances("taurusdb")).toEqual([]);
    const [ready, busy] = mock.fleet.instances("dds");
    expect(ready).toMatchObject({
      name: "name-1",
      version: "4.0.3.112",
      patchAvailable: true,
      maintenanceWindow: "22:00-02:00",
    });
    // An instance recorded mid-upgrade has a running job, which completes on the clock.
    expect(busy!.upgrade).toMatchObject({ status: "running" });
    mock.fleet.startUpgrade("dds", ready!.id);
    now += 2000;
    expect(mock.fleet.get("dds", ready!.id)).toMatchObject({ status: "available", patchAvailable: false });
    expect(mock.fleet.get("dds", busy!.id)).toMatchObject({ status: "available" });
    // reset() goes back to the recording, not to a seeded PRNG fleet.
    mock.reset();
    expect(mock.fleet.get("dds", ready!.id)).toMatchObject({ version: "4.0.3.112", patchAvailable: true });
  });
});

function writeRecording(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "dbupgrade-recording-")), "fleet");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({ ...recording.manifest, files: { dds: "dds.json", geminidb: "geminidb.json" } }),
  );
  writeFileSync(join(dir, "dds.json"), JSON.stringify(recording.answers.dds));
  writeFileSync(join(dir, "geminidb.json"), JSON.stringify(recording.answers.geminidb));
  return dir;
}

describe("loadRecording(dir) and dbupgrade-mock --fleet", () => {
  it("reads a recording directory and refuses a manifest that points outside it", () => {
    const dir = writeRecording();
    expect(loadRecording(dir).instances.dds).toHaveLength(3);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...recording.manifest, files: { dds: "../x.json" } }));
    expect(() => loadRecording(dir)).toThrow(/unexpected file/);
  });

  it("serves the recorded fleet over HTTP", async () => {
    await ensureBuilt();
    const dir = writeRecording();
    const child = spawn(
      process.execPath,
      [join(packageDir, "bin", "dbupgrade-mock.mjs"), "--port", "0", "--fleet", dir],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 15_000);
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const response = await fetch(`${url}/dds/v3/0123456789abcdef0123456789abcdef/instances`, {
        headers: { "X-Auth-Token": defaultMockCredentials.token },
      });
      const body = (await response.json()) as { instances: { id: string; name: string }[] };
      expect(body.instances.map((i) => i.name)).toEqual(["name-1", "name-2", "name-3"]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(output).toContain("fleet from the recording of 2026-12-01T10:00:00.000Z");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
