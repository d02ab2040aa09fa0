// Base URL of a client: the spec's region table (irregular hosts included) or an explicit baseUrl.

export interface EndpointTable {
  api: string;
  endpoints: Readonly<Record<string, string>>;
}

/** A region the API's endpoint table does not list (and only that: other refusals are plain RangeErrors). */
export class UnknownRegionError extends RangeError {}

export function resolveBaseUrl(
  table: EndpointTable,
  options: { region?: string | undefined; baseUrl?: string | undefined },
): string {
  const { region, baseUrl } = options;
  if (region !== undefined && baseUrl !== undefined) {
    throw new TypeError(`${table.api} client: pass either region or baseUrl, not both`);
  }
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`${table.api} client: baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new TypeError(`${table.api} client: baseUrl must be http(s), got ${url.protocol}`);
    }
    return baseUrl.replace(/\/+$/, "");
  }
  if (region !== undefined) {
    const endpoint = Object.hasOwn(table.endpoints, region) ? table.endpoints[region] : undefined;
    if (endpoint === undefined) {
      throw new UnknownRegionError(
        `${table.api} client: unknown region ${JSON.stringify(region)}; valid regions: ${Object.keys(table.endpoints).sort().join(", ")}`,
      );
    }
    return endpoint;
  }
  throw new TypeError(`${table.api} client: region or baseUrl is required`);
}
