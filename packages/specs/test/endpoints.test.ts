// The region table lives in the specs (x-dbupgrade-endpoints) so the client derives endpoints from
// them. These tests pin the SDK region files' facts and keep `servers` and the table in agreement.
import { describe, expect, it } from "vitest";
import { apiDocuments, apiMeta, apiNames } from "../src/index.js";

const regionCounts = { geminidb: 27, taurusdb: 20, dds: 34, gaussdb: 25 } as const;

/** Expands `servers` (with their `region` enum) into region -> URL. */
function expandServers(api: (typeof apiNames)[number]): Map<string, string> {
  const out = new Map<string, string>();
  for (const server of (apiDocuments[api] as any).servers) {
    const regions: string[] = server.variables?.region?.enum ?? [server.url.match(/\.([a-z]+-[a-z0-9-]+-\d+)\./)?.[1]];
    for (const region of regions) {
      expect(out.has(region), `${api}: ${region} is in two servers`).toBe(false);
      out.set(region, server.url.replace("{region}", region));
    }
  }
  return out;
}

describe.each(apiNames)("%s endpoints", (api) => {
  it(`lists the ${"SDK's"} regions`, () => {
    expect(Object.keys(apiMeta[api].endpoints)).toHaveLength(regionCounts[api]);
  });

  it("agree with the servers list, region by region", () => {
    expect(Object.fromEntries(expandServers(api))).toEqual(apiMeta[api].endpoints);
  });

  it("are https URLs with no trailing slash", () => {
    for (const url of Object.values<string>(apiMeta[api].endpoints))
      expect(url).toMatch(/^https:\/\/[a-z0-9.-]+[a-z]$/);
  });
});

describe("irregular hosts", () => {
  it("eu-west-101 is on .myhuaweicloud.eu for GeminiDB and DDS", () => {
    expect(apiMeta.geminidb.endpoints["eu-west-101"]).toBe("https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu");
    expect(apiMeta.dds.endpoints["eu-west-101"]).toBe("https://dds.eu-west-101.myhuaweicloud.eu");
  });

  it("TaurusDB uses three host prefixes", () => {
    expect(apiMeta.taurusdb.endpoints["cn-north-4"]).toBe("https://gaussdb.cn-north-4.myhuaweicloud.com");
    expect(apiMeta.taurusdb.endpoints["ap-southeast-1"]).toBe(
      "https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com",
    );
    expect(apiMeta.taurusdb.endpoints["af-south-1"]).toBe("https://gaussdb-mysql.af-south-1.myhuaweicloud.com");
  });

  it("openGauss uses two host prefixes", () => {
    expect(apiMeta.gaussdb.endpoints["ap-southeast-1"]).toBe(
      "https://gaussdb-opengauss.ap-southeast-1.myhuaweicloud.com",
    );
    expect(apiMeta.gaussdb.endpoints["cn-east-4"]).toBe("https://gaussdb.cn-east-4.myhuaweicloud.com");
  });

  it("the seed example hosts are the table's hosts", () => {
    expect(apiMeta.geminidb.endpoints["ap-southeast-1"]).toBe("https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com");
    expect(apiMeta.gaussdb.endpoints["ap-southeast-1"]).toBe(
      "https://gaussdb-opengauss.ap-southeast-1.myhuaweicloud.com",
    );
  });
});
