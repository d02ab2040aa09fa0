// `dbupgrade-mock`: the standalone mock server of all four APIs on 127.0.0.1.
import { parseArgs } from "node:util";
import { apiNames } from "@dbupgrade/specs";
import { defaultMockCredentials, type MockCredentials } from "./credentials.js";
import type { RecordedFleet } from "./recorded-fleet.js";
import { loadRecording } from "./recording-files.js";
import { startMockServer } from "./server.js";

const usage = `Usage: dbupgrade-mock [--port 4010] [--seed 1] [--latency 0] [jobs] [limits]

Serves the GeminiDB, TaurusDB, DDS and openGauss batch-upgrade APIs on http://127.0.0.1:<port>/<api>.

  --port             TCP port (default 4010; 0 picks a free one)
  --seed             seed of the simulated fleet: same seed, same instances and answers (default 1)
  --latency          milliseconds added before every answer (default 0)
  --fleet            a recording directory (\`dbupgrade record --out DIR\`): its instances instead of the seeded ones

Jobs (real time):
  --job-duration       how long an upgrade job runs (default 20s; ms, s or m)
  --visibility-delay   how long a new TaurusDB job stays invisible to listImmediateJobs (default 3s)
  --maintenance-delay  how far a TaurusDB delay: true upgrade is deferred, i.e. the maintenance window (default 60s)

GET / lists the services, operations and the admin endpoints (POST /__admin/reset, /__admin/advance,
/__admin/scenario; GET /__admin/state), which answer loopback clients only.

Limits (hostile or slow clients):
  --max-body         larger request bodies get 400 DBS.200001 (bytes, default 1048576)
  --max-connections  connections open at once; at the cap a slow one is closed for a new one (default 256)
  --headers-timeout  ms to receive a request's headers, then 408 (default 10000)
  --request-timeout  ms to receive a whole request, then 408 (default 30000)

Examples:
  dbupgrade-mock                          # http://127.0.0.1:4010/dds, /geminidb, /taurusdb, /gaussdb
  dbupgrade-mock --port 0 --seed 7        # a free port, another fleet
  dbupgrade-mock --max-connections 1024 --request-timeout 5000
  dbupgrade-mock --port 0 --job-duration 5s
  dbupgrade-mock --port 0 --fleet ./recording   # a replica of a recorded fleet
  curl -s -X POST http://127.0.0.1:4010/__admin/scenario -d '{"name":"failingJob","api":"dds"}'
  curl -s -X POST http://127.0.0.1:4010/__admin/advance -d '{"settle":true}'

Accepted credentials (environment, with test defaults):
  DBUPGRADE_MOCK_TOKEN  X-Auth-Token          (default ${defaultMockCredentials.token})
  DBUPGRADE_MOCK_AK     AK/SK access key      (default ${defaultMockCredentials.accessKey})
  DBUPGRADE_MOCK_SK     AK/SK secret key      (default ${defaultMockCredentials.secretKey})
`;

function fail(message: string): never {
  process.stderr.write(`dbupgrade-mock: ${message}\n\n${usage}`);
  process.exit(2);
}

/** `20s`, `1500ms`, `2m` or a plain number of ms. */
function duration(name: string, value: string): number {
  const m = /^(\d{1,9})(ms|s|m)?$/.exec(value);
  if (!m) fail(`--${name} must be a duration such as 20s, 1500ms or 2m, not "${value}"`);
  const ms = Number(m[1]) * ({ ms: 1, s: 1_000, m: 60_000 } as const)[(m[2] ?? "ms") as "ms" | "s" | "m"];
  if (ms > 86_400_000) fail(`--${name} must be at most a day`);
  return ms;
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    fail(`--${name} must be an integer from ${min} to ${max}, not "${value}"`);
  return Number(value);
}

let values: {
  port: string;
  seed: string;
  latency: string;
  "job-duration": string;
  "visibility-delay": string;
  "maintenance-delay": string;
  "max-body": string;
  "max-connections": string;
  "headers-timeout": string;
  "request-timeout": string;
  fleet?: string;
  help?: boolean;
};
try {
  values = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      seed: { type: "string", default: "1" },
      latency: { type: "string", default: "0" },
      "job-duration": { type: "string", default: "20s" },
      "visibility-delay": { type: "string", default: "3s" },
      "maintenance-delay": { type: "string", default: "60s" },
      "max-body": { type: "string", default: "1048576" },
      "max-connections": { type: "string", default: "256" },
      "headers-timeout": { type: "string", default: "10000" },
      "request-timeout": { type: "string", default: "30000" },
      fleet: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values as typeof values;
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const env = process.env;
const credentials: MockCredentials = {
  token: env.DBUPGRADE_MOCK_TOKEN || defaultMockCredentials.token,
  accessKey: env.DBUPGRADE_MOCK_AK || defaultMockCredentials.accessKey,
  secretKey: env.DBUPGRADE_MOCK_SK || defaultMockCredentials.secretKey,
};

let fleet: RecordedFleet | undefined;
try {
  fleet = values.fleet === undefined ? undefined : loadRecording(values.fleet);
} catch (error) {
  fail(`--fleet: ${(error as Error).message}`);
}

try {
  const server = await startMockServer({
    ...(fleet ? { fleet } : {}),
    port: integer("port", values.port, 0, 65535),
    seed: integer("seed", values.seed, 0, 2 ** 31 - 1),
    latencyMs: integer("latency", values.latency, 0, 600_000),
    jobDurationMs: duration("job-duration", values["job-duration"]),
    visibilityDelayMs: { taurusdb: duration("visibility-delay", values["visibility-delay"]) },
    maintenanceDelayMs: duration("maintenance-delay", values["maintenance-delay"]),
    maxBodyBytes: integer("max-body", values["max-body"], 1, 1024 * 1024 * 1024),
    maxConnections: integer("max-connections", values["max-connections"], 1, 1_000_000),
    headersTimeoutMs: integer("headers-timeout", values["headers-timeout"], 1, 3_600_000),
    requestTimeoutMs: integer("request-timeout", values["request-timeout"], 1, 3_600_000),
    auth: credentials,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`listening on ${server.url}\n`);
  if (fleet) {
    process.stdout.write(`fleet from the recording of ${fleet.recordedAt ?? "an unknown date"}\n`);
    for (const note of fleet.notes) process.stdout.write(`  note: ${note}\n`);
  }
  for (const api of apiNames) process.stdout.write(`  ${api.padEnd(8)} ${server.baseUrlOf(api)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") fail(`port ${values.port} is in use; pass another --port`);
  if (error instanceof RangeError)
    fail(
      error.message.replace("headersTimeoutMs", "--headers-timeout").replace("requestTimeoutMs", "--request-timeout"),
    );
  process.stderr.write(`dbupgrade-mock: ${(error as Error).message}\n`);
  process.exit(1);
}
