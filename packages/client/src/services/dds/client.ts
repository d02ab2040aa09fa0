// DDS client: one method per operation of the dds spec, on openapi-fetch and the generated types.
import { ddsClientMeta } from "@dbupgrade/meta";
import type { operations, paths } from "@dbupgrade/types/dds";
import type { ClientOptions, CallOptions } from "../../options.js";
import { buildServiceClient, type ServiceClient } from "../../service-client.js";

/** Regions of the DDS endpoint table (from the spec). */
export type DdsRegion = keyof typeof ddsClientMeta.endpoints;
export type DdsClientOptions = ClientOptions<DdsRegion>;
/** `batchUpgradeDatabaseVersion(body)` / `batchUpgradeDatabaseVersionOrThrow(body)`, plus `raw`. */
export type DdsClient = ServiceClient<paths, operations, CallOptions>;

export function createDdsClient(options: DdsClientOptions): DdsClient {
  return buildServiceClient<paths, operations, CallOptions>(ddsClientMeta, options);
}
