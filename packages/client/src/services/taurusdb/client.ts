// TaurusDB client: one method per operation of the taurusdb spec, on openapi-fetch and the generated types.
import { taurusdbClientMeta } from "@dbupgrade/meta";
import type { components, operations, paths } from "@dbupgrade/types/taurusdb";
import type { ClientOptions, LanguageCallOptions } from "../../options.js";
import { buildServiceClient, type ServiceClient } from "../../service-client.js";

/** Regions of the TaurusDB endpoint table (from the spec; three host patterns). */
export type TaurusDbRegion = keyof typeof taurusdbClientMeta.endpoints;
/** Values of the `X-Language` header. */
export type TaurusDbLanguage = components["parameters"]["XLanguage"];
export type TaurusDbClientOptions = ClientOptions<TaurusDbRegion> & { language?: TaurusDbLanguage };
/** `batchUpgradeDatabases(body)` / `batchUpgradeDatabasesOrThrow(body)`, plus `raw`. */
export type TaurusDbClient = ServiceClient<paths, operations, LanguageCallOptions<TaurusDbLanguage>>;

export function createTaurusDbClient(options: TaurusDbClientOptions): TaurusDbClient {
  return buildServiceClient<paths, operations, LanguageCallOptions<TaurusDbLanguage>>(taurusdbClientMeta, options);
}
