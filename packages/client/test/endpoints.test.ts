// Where requests go: the spec's region table (irregular hosts included), or baseUrl; and a `fetch` option
// wins over the default transport (which one that is: default-transport.test.ts).
import { apiMeta, apiNames } from "@dbupgrade/meta";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDbUpgradeClients, createTaurusDbClient } from "../src/index.js";
import { anyClient, operationCases, projectId, requestExample, responseExample } from "./support/spec.js";

const auth = { token: "endpoint-test-token" };

afterEach(() => vi.unstubAllGlobals());

describe.each(apiNames)("%s", (api) => {
  it("resolves every region of the spec's table to its endpoint", () => {
    for (const [region, endpoint] of Object.entries(apiMeta[api].endpoints)) {
      expect(anyClient(api, { region, projectId, auth }).baseUrl).toBe(endpoint);
    }
  });

  it("rejects an unknown region, listing the valid ones", () => {
    const valid = Object.keys(apiMeta[api].endpoints).sort().join(", ");
    expect(() => anyClient(api, { region: "xx-nowhere-1", projectId, auth })).toThrow(
      `unknown region "xx-nowhere-1"; valid regions: ${valid}`,
    );
  });

  it("rejects region and baseUrl together, neither, and a relative baseUrl", () => {
    expect(() => anyClient(api, { region: "cn-north-4", baseUrl: "http://x.test", projectId, auth } as never)).toThrow(
      /either region or baseUrl/,
    );
    expect(() => anyClient(api, { projectId, auth } as never)).toThrow(/region or baseUrl is required/);
    expect(() => anyClient(api, { baseUrl: "/relative", projectId, auth })).toThrow(/not an absolute URL/);
  });

  it("rejects missing project id and empty credentials without echoing them", () => {
    expect(() => anyClient(api, { baseUrl: "http://x.test", projectId: "", auth })).toThrow(
      /projectId must be a non-empty string/,
    );
    expect(() => anyClient(api, { baseUrl: "http://x.test", projectId, auth: { token: "" } })).toThrow(/auth.token/);
    expect(() =>
      anyClient(api, { baseUrl: "http://x.test", projectId, auth: { accessKey: "AK-VISIBLE", secretKey: "" } }),
    ).toThrow(/auth.secretKey/);
    expect(() =>
      anyClient(api, { baseUrl: "http://x.test", projectId, auth: { accessKey: "AK-VISIBLE", secretKey: "" } }),
    ).not.toThrow(/AK-VISIBLE/);
  });
});

it("irregular hosts come from the table: TaurusDB's three host patterns, openGauss's two, the .eu region", () => {
  expect(createTaurusDbClient({ region: "ap-southeast-1", projectId, auth }).baseUrl).toBe(
    apiMeta.taurusdb.endpoints["ap-southeast-1"],
  );
  expect(new Set(Object.values(apiMeta.taurusdb.endpoints).map((u) => new URL(u).hostname.split(".")[0])).size).toBe(3);
  expect(new Set(Object.values(apiMeta.gaussdb.endpoints).map((u) => new URL(u).hostname.split(".")[0])).size).toBe(2);
  expect(anyClient("dds", { region: "eu-west-101", projectId, auth }).baseUrl.endsWith(".myhuaweicloud.eu")).toBe(true);
});

describe("createDbUpgradeClients", () => {
  it("makes all four clients for a region every API serves", () => {
    const common = apiNames
      .map((a) => Object.keys(apiMeta[a].endpoints))
      .reduce((a, b) => a.filter((r) => b.includes(r)));
    const region = common[0]!;
    const clients = createDbUpgradeClients({ region, projectId, auth });
    for (const api of apiNames)
      expect(clients[api].baseUrl).toBe(
        apiMeta[api].endpoints[region as keyof (typeof apiMeta)[typeof api]["endpoints"]],
      );
  });

  it("names the APIs that lack a region", () => {
    const onlySome = Object.keys(apiMeta.dds.endpoints).find(
      (r) => !(r in apiMeta.taurusdb.endpoints) && r in apiMeta.geminidb.endpoints,
    )!;
    expect(() => createDbUpgradeClients({ region: onlySome, projectId, auth })).toThrow(/no endpoint for taurusdb/);
    expect(() => createDbUpgradeClients({ region: onlySome, projectId, auth })).not.toThrow(/geminidb|dds,/);
  });

  it("takes one baseUrl per API from a function (a mock server's prefixes)", () => {
    const clients = createDbUpgradeClients({
      baseUrl: (api) => `http://127.0.0.1:4010/${api}`,
      projectId,
      auth,
      language: "zh-cn",
    });
    for (const api of apiNames) expect(clients[api].baseUrl).toBe(`http://127.0.0.1:4010/${api}`);
  });
});

it("uses the fetch option instead of the global one", async () => {
  const { api, operationId, meta } = operationCases[1]!;
  const global = vi.fn();
  vi.stubGlobal("fetch", global);
  const own = vi.fn(async () =>
    Response.json(responseExample(api, operationId, meta.successStatus), { status: meta.successStatus }),
  );
  const client = anyClient(api, { baseUrl: "http://own.test", projectId, auth, fetch: own });
  await client[operationId]!(requestExample(api, operationId));
  expect(own).toHaveBeenCalledTimes(1);
  expect(global).not.toHaveBeenCalled();
});
