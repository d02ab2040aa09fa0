// What the shared fleet, seed page and plan answers need to know about one service: its names,
// versions, timings, engines and status words. Each service's profile.ts gives one; profiles.ts
// holds them all, typed complete over the specs' APIs.
import type { ApiName } from "@dbupgrade/specs";
import type { GeminiDbEngine } from "./geminidb/versions.js";

export interface ServiceProfile<A extends ApiName = ApiName> {
  readonly api: A;
  /** Prefix of the simulated instances' names. */
  readonly namePrefix: string;
  readonly maintenanceWindow: string;
  /** How long a new job stays out of the job APIs unless the fleet options say otherwise. */
  readonly visibilityDelayMs: number;
  /** Scheduled jobs are listed from their creation, whatever the visibility delay (TaurusDB). */
  readonly scheduledVisibleAtOnce: boolean;
  /** The engines of the service's instances (GeminiDB's); `[undefined]` for a service with one. */
  readonly engines: readonly (GeminiDbEngine | undefined)[];
  /** Kernel versions the fleet runs, oldest first (per engine); upgrades go to the last. */
  versions(engine?: GeminiDbEngine): readonly string[];
  /** The newest version an instance could reach (openGauss: its last hot patch). */
  newestVersion(engine?: GeminiDbEngine): string;
  /** For a service whose ids name their engine: the engine an id names, and each engine's suffix. */
  readonly engineIds?: {
    engineOf(id: string): GeminiDbEngine | undefined;
    suffixes(): Readonly<Record<GeminiDbEngine, string>>;
  };
  /** The error code of "this instance does not exist" in an all-or-nothing batch. */
  notFoundCode(): string;
  /** The service's spec documents that code (TaurusDB); the others' is seen, not documented. */
  readonly documentsNotFound: boolean;
  /** The instance status words of its list API. */
  readonly statusWords: { normal: string; upgrading: string; frozen: string; abnormal: string };
}

export const lastOf = (list: readonly string[]): string => list[list.length - 1]!;
