// GeminiDB client: one method per operation of the geminidb spec, on openapi-fetch and the generated types.
import { geminidbClientMeta } from "@dbupgrade/meta";
import type { operations, paths } from "@dbupgrade/types/geminidb";
import type { ClientOptions, CallOptions } from "../../options.js";
import { buildServiceClient, type ServiceClient } from "../../service-client.js";

/** Regions of the GeminiDB endpoint table (from the spec). */
export type GeminiDbRegion = keyof typeof geminidbClientMeta.endpoints;
export type GeminiDbClientOptions = ClientOptions<GeminiDbRegion>;
/** `batchUpgradeDatabaseVersion(body)` / `batchUpgradeDatabaseVersionOrThrow(body)`, plus `raw`. */
export type GeminiDbClient = ServiceClient<paths, operations, CallOptions>;

export function createGeminiDbClient(options: GeminiDbClientOptions): GeminiDbClient {
  return buildServiceClient<paths, operations, CallOptions>(geminidbClientMeta, options);
}
