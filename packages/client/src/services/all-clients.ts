// All four clients from one set of options (same project, auth and transport).
import type { ApiName } from "@dbupgrade/meta";
import { UnknownRegionError } from "../endpoint.js";
import type { ClientOptions } from "../options.js";
import { createDdsClient, type DdsClient } from "./dds/client.js";
import { createGaussDbClient, type GaussDbClient, type GaussDbLanguage } from "./gaussdb/client.js";
import { createGeminiDbClient, type GeminiDbClient } from "./geminidb/client.js";
import { createTaurusDbClient, type TaurusDbClient, type TaurusDbLanguage } from "./taurusdb/client.js";

type SharedCommonOptions = Omit<ClientOptions, "region" | "baseUrl">;

export type DbUpgradeClientsOptions = SharedCommonOptions & {
  /** `X-Language` for the APIs that take it (TaurusDB, openGauss); the others ignore it. */
  language?: TaurusDbLanguage & GaussDbLanguage;
} & (
    | { region: string; baseUrl?: undefined }
    /** One URL for all four, or one per API (e.g. a mock server's `/geminidb`, `/dds`, ... prefixes). */
    | { baseUrl: string | ((api: ApiName) => string); region?: undefined }
  );

export interface DbUpgradeClients {
  geminidb: GeminiDbClient;
  taurusdb: TaurusDbClient;
  dds: DdsClient;
  gaussdb: GaussDbClient;
}

export function createDbUpgradeClients(options: DbUpgradeClientsOptions): DbUpgradeClients {
  const { language, region, baseUrl, ...common } = options;
  const errors: string[] = [];
  const attempt = <T>(api: ApiName, create: (endpoint: ClientOptions) => T): T | undefined => {
    const endpoint: ClientOptions =
      region !== undefined
        ? { ...common, region }
        : { ...common, baseUrl: typeof baseUrl === "function" ? baseUrl(api) : (baseUrl as string) };
    try {
      return create(endpoint);
    } catch (error) {
      // Collect unknown-region errors, so one message names every API lacking the region; any other
      // refusal (a bad timeoutMs, a bad language) is about the options and passes through as is.
      if (error instanceof UnknownRegionError) {
        errors.push(api);
        return undefined;
      }
      throw error;
    }
  };
  const geminidb = attempt("geminidb", createGeminiDbClient);
  const taurusdb = attempt("taurusdb", (o) => createTaurusDbClient({ ...o, language }));
  const dds = attempt("dds", createDdsClient);
  const gaussdb = attempt("gaussdb", (o) => createGaussDbClient({ ...o, language }));
  if (geminidb === undefined || taurusdb === undefined || dds === undefined || gaussdb === undefined) {
    throw new RangeError(
      `region ${JSON.stringify(region)} has no endpoint for ${errors.join(", ")}; create those clients with a baseUrl, or the others one by one`,
    );
  }
  return { geminidb, taurusdb, dds, gaussdb };
}
