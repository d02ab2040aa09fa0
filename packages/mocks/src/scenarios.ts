// Scenario presets: named, typed ways for the fleet or the job APIs to misbehave, for tests (
// `mock.scenario(name, options)`) and for the standalone server (`POST /__admin/scenario`).
import { apiNames, type ApiName } from "@dbupgrade/specs";
import type { Fleet } from "./fleet.js";

export interface ScenarioOptions {
  /**
   * The next matching job(s) end Failed with `failReason`. `instances`: the jobs of these instances
   * (each once, unless `times` says otherwise); `fraction`: the jobs of that share of the instances,
   * picked by a hash of the instance id and the fleet's seed (the same ones on every run).
   */
  failingJob: {
    api?: ApiName;
    instanceId?: string;
    instances?: string[];
    fraction?: number;
    failReason?: string;
    times?: number;
  };
  /** The next matching job(s) stay Running forever (`settle()` leaves them running). */
  hangingJob: { api?: ApiName; instanceId?: string; times?: number };
  /** The next matching job(s) lose their instance half-way: the job ends Failed and the instance leaves the lists. */
  instanceDeleted: { api?: ApiName; instanceId?: string; times?: number };
  /** The follow operations (job and task APIs) answer 500, or drop the connection, `times` times. */
  jobApiErrors: { api?: ApiName; kind?: "500" | "reset"; times?: number };
  /** New jobs stay invisible to the job APIs for `visibilityDelayMs` (default 30 s). */
  slowVisibility: { api?: ApiName; visibilityDelayMs?: number };
}

export type ScenarioName = keyof ScenarioOptions;

export const scenarioNames: readonly ScenarioName[] = [
  "failingJob",
  "hangingJob",
  "instanceDeleted",
  "jobApiErrors",
  "slowVisibility",
];

/** What a scenario does to the job APIs' answers (kept by the mock API, not the fleet). */
export interface JobApiFault {
  api?: ApiName | undefined;
  kind: "500" | "reset";
  times: number;
}

const optionNames: Record<ScenarioName, readonly string[]> = {
  failingJob: ["api", "instanceId", "instances", "fraction", "failReason", "times"],
  hangingJob: ["api", "instanceId", "times"],
  instanceDeleted: ["api", "instanceId", "times"],
  jobApiErrors: ["api", "kind", "times"],
  slowVisibility: ["api", "visibilityDelayMs"],
};

function fail(message: string): never {
  throw new TypeError(message);
}

/** Checks a scenario request from untyped input (the admin endpoint's JSON); throws a TypeError naming the problem. */
export function checkScenario(
  name: unknown,
  options: unknown,
): { name: ScenarioName; options: Record<string, unknown> } {
  if (typeof name !== "string" || !scenarioNames.includes(name as ScenarioName)) {
    fail(`unknown scenario ${JSON.stringify(name)}; one of ${scenarioNames.join(", ")}`);
  }
  const scenario = name as ScenarioName;
  if (options === undefined) options = {};
  if (typeof options !== "object" || options === null || Array.isArray(options))
    fail("scenario options must be an object");
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!optionNames[scenario].includes(key))
      fail(`${scenario} takes no option ${JSON.stringify(key)} (options: ${optionNames[scenario].join(", ")})`);
  }
  if (o.api !== undefined && !apiNames.includes(o.api as ApiName)) fail(`api must be one of ${apiNames.join(", ")}`);
  if (
    o.instanceId !== undefined &&
    (typeof o.instanceId !== "string" || o.instanceId.length === 0 || o.instanceId.length > 64)
  ) {
    fail("instanceId must be a string of 1 to 64 characters");
  }
  if (
    o.instances !== undefined &&
    (!Array.isArray(o.instances) ||
      o.instances.length === 0 ||
      o.instances.length > 100_000 ||
      o.instances.some((id) => typeof id !== "string" || id.length === 0 || id.length > 64))
  ) {
    fail("instances must be a non-empty list of instance ids (strings of 1 to 64 characters)");
  }
  if (o.fraction !== undefined && !(typeof o.fraction === "number" && o.fraction > 0 && o.fraction <= 1))
    fail("fraction must be a number more than 0 and at most 1");
  if ([o.instanceId, o.instances, o.fraction].filter((v) => v !== undefined).length > 1)
    fail("give one of instanceId, instances and fraction");
  if (o.failReason !== undefined && (typeof o.failReason !== "string" || o.failReason.length > 500))
    fail("failReason must be a string of at most 500 characters");
  if (
    o.times !== undefined &&
    !(Number.isInteger(o.times) && (o.times as number) >= 1 && (o.times as number) <= 1_000_000)
  ) {
    fail("times must be an integer from 1 to 1000000");
  }
  if (o.kind !== undefined && o.kind !== "500" && o.kind !== "reset") fail('kind must be "500" or "reset"');
  if (
    o.visibilityDelayMs !== undefined &&
    !(Number.isFinite(o.visibilityDelayMs) && (o.visibilityDelayMs as number) >= 0)
  ) {
    fail("visibilityDelayMs must be a finite number >= 0");
  }
  return { name: scenario, options: o };
}

/** Applies a checked scenario: job outcomes and visibility go to the fleet, job-API faults are returned. */
export function applyScenario<N extends ScenarioName>(
  fleet: Fleet,
  name: N,
  options: ScenarioOptions[N],
): JobApiFault | undefined {
  const o = options as Record<string, any>;
  switch (name) {
    case "failingJob":
      fleet.addJobRule({
        outcome: "fail",
        api: o.api,
        instanceId: o.instanceId,
        instanceIds: o.instances,
        fraction: o.fraction,
        failReason: o.failReason,
        // One job each of the listed instances; every matching job for a fraction.
        times: o.times ?? (o.instances ? o.instances.length : o.fraction ? 1_000_000 : 1),
      });
      return undefined;
    case "hangingJob":
      fleet.addJobRule({ outcome: "hang", api: o.api, instanceId: o.instanceId, times: o.times ?? 1 });
      return undefined;
    case "instanceDeleted":
      fleet.addJobRule({ outcome: "deleteInstance", api: o.api, instanceId: o.instanceId, times: o.times ?? 1 });
      return undefined;
    case "slowVisibility":
      fleet.setVisibilityDelay(o.api, o.visibilityDelayMs ?? 30_000);
      return undefined;
    case "jobApiErrors":
      return { api: o.api, kind: o.kind ?? "500", times: o.times ?? 3 };
    default:
      return fail(`unknown scenario ${String(name)}`);
  }
}
