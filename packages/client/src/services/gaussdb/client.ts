// GaussDB (openGauss) client: one method per operation of the gaussdb spec, on openapi-fetch and the generated types.
import { gaussdbClientMeta } from "@dbupgrade/meta";
import type { components, operations, paths } from "@dbupgrade/types/gaussdb";
import type { ClientOptions, LanguageCallOptions } from "../../options.js";
import { buildServiceClient, type ServiceClient } from "../../service-client.js";

/** Regions of the openGauss endpoint table (from the spec; two host patterns). */
export type GaussDbRegion = keyof typeof gaussdbClientMeta.endpoints;
/** Values of the `X-Language` header. */
export type GaussDbLanguage = components["parameters"]["XLanguage"];
export type GaussDbClientOptions = ClientOptions<GaussDbRegion> & { language?: GaussDbLanguage };
/** `createScheduleTask(body)` / `createScheduleTaskOrThrow(body)`, plus `raw`. */
export type GaussDbClient = ServiceClient<paths, operations, LanguageCallOptions<GaussDbLanguage>>;

export function createGaussDbClient(options: GaussDbClientOptions): GaussDbClient {
  return buildServiceClient<paths, operations, LanguageCallOptions<GaussDbLanguage>>(gaussdbClientMeta, options);
}
