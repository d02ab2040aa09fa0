// What one service brings to the shared engines: its client, its batch helper, its planner, its poller
// and the run settings it reads. The registry (registry.ts) holds one per API; a new API is a spec
// folder plus a services/<api>/ folder whose service.ts satisfies this interface.
import type { ApiName } from "@dbupgrade/meta";
import type { BatchOptions } from "../batch/run-batches.js";
import type { BatchOutcome, BatchReport } from "../batch/report.js";
import type { ClientOptions } from "../options.js";
import type { Poller } from "../workflow/follow-engine.js";
import type { PlanOptions } from "../workflow/plan.js";
import type { UpgradePlan } from "../workflow/plan-types.js";

/** Settings of a run beyond the instance list; each service reads the ones it declares. */
export interface RunSettings {
  /** TaurusDB: upgrade in each instance's maintenance window instead of now. */
  delay?: boolean;
  /** openGauss: when the scheduled hot patch starts. */
  startTime?: Date;
  /** openGauss: the hot patch to install. */
  targetVersion?: string;
}

export type RunSettingName = keyof RunSettings;

/** How a service uses each run setting it reads: `required` ones must be given before anything is sent. */
export type SettingUse = "required" | "optional";

/** Options every service's client factory accepts (`language` is ignored by the APIs without `X-Language`). */
export type ServiceClientOptions = ClientOptions & { language?: string };

export interface UpgradeService<A extends ApiName, Client extends { readonly api: ApiName } = any, Input = any> {
  readonly api: A;
  /** The name under which @dbupgrade/client exports `createClient` (code samples print it). */
  readonly clientFactory: string;
  /** The batch operation that starts upgrades. */
  readonly submitOperation: string;
  /** The run settings this service reads, and whether submitting needs them. */
  readonly settings: { readonly [S in RunSettingName]?: SettingUse };
  createClient(options: ServiceClientOptions): Client;
  /** The dry run; reads only. */
  plan(client: Client, options: PlanOptions & RunSettings): Promise<UpgradePlan<Input>>;
  /** The batch helper with the run's settings applied. */
  submit(
    client: Client,
    inputs: readonly Input[],
    options: BatchOptions<any> & RunSettings,
  ): Promise<BatchReport<BatchOutcome>>;
  /** The reader of this service's upgrade jobs (the follower polls it). */
  poller(client: Client, settings: RunSettings): Poller;
}

/** Every API of the specs with its service: the mapped type does not compile while one is missing. */
export type UpgradeServices = { readonly [A in ApiName]: UpgradeService<A> };
