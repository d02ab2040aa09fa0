import { apiNames, type ApiName } from "@dbupgrade/specs";
import { apiMeta } from "@dbupgrade/specs/meta";
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";
import { firstRequestExample, jsonRequest, onlyOperation, send } from "./support.js";

/** Which API answered: the geminidb/dds per-instance results differ only by the fleet, so ask the fleet. */
async function answeredBy(mock: ReturnType<typeof createMockApi>, api: ApiName, base: string, body?: unknown) {
  const op = onlyOperation(api);
  const before = Object.fromEntries(apiNames.map((a) => [a, mock.fleet.jobs(a).length]));
  const answer = await send(mock.handlers, jsonRequest(op, body ?? firstRequestExample(op), { base }));
  if (!answer) return undefined;
  const changed = apiNames.filter((a) => mock.fleet.jobs(a).length !== before[a]);
  return { status: answer.status, changed };
}

describe("default routing: any origin", () => {
  it("answers each API at every documented regional endpoint", async () => {
    const mock = createMockApi();
    for (const api of apiNames) {
      for (const endpoint of Object.values(apiMeta[api].endpoints as Record<string, string>)) {
        mock.reset();
        expect(await answeredBy(mock, api, endpoint)).toEqual({
          status: onlyOperation(api).successStatus,
          changed: [api],
        });
      }
    }
  });

  it("answers at any origin and prefix, e.g. a dev proxy", async () => {
    for (const api of ["taurusdb", "gaussdb"] as const) {
      expect(await answeredBy(createMockApi(), api, "http://localhost:5173/api/whatever")).toMatchObject({
        changed: [api],
      });
    }
  });

  it("tells GeminiDB from DDS on their shared path by prefix, host, then instance-id suffix", async () => {
    // The same ids in both fleets, available in GeminiDB and frozen in DDS: a job id means GeminiDB answered.
    const neutral = `${"ab".repeat(16)}in99`;
    const ddsLooking = `${"cd".repeat(16)}in02`;
    const whoAnswers = async (base: string, id: string) => {
      const mock = createMockApi();
      for (const i of [neutral, ddsLooking]) {
        mock.fleet.add("geminidb", { id: i, status: "available" });
        mock.fleet.add("dds", { id: i, status: "frozen" });
      }
      const answer = await send(mock.handlers, jsonRequest(onlyOperation("dds"), { instance_ids: [id] }, { base }));
      expect(answer?.status).toBe(202);
      return answer!.body.upgrade_results[0].job_id ? "geminidb" : "dds";
    };
    expect(await whoAnswers("http://127.0.0.1:4010/dds", neutral)).toBe("dds");
    expect(await whoAnswers("http://localhost/api/geminidb", ddsLooking)).toBe("geminidb");
    expect(await whoAnswers("https://dds.eu-west-101.myhuaweicloud.eu", neutral)).toBe("dds");
    expect(await whoAnswers("https://gaussdb-nosql.cn-north-4.myhuaweicloud.com", ddsLooking)).toBe("geminidb");
    expect(await whoAnswers("http://localhost:3000", ddsLooking)).toBe("dds");
    expect(await whoAnswers("http://localhost:3000", neutral)).toBe("geminidb");
  });

  it("leaves other methods and paths unhandled", async () => {
    const mock = createMockApi();
    const op = onlyOperation("taurusdb");
    const url = jsonRequest(op, {}).url;
    expect(await send(mock.handlers, new Request(url, { method: "GET" }))).toBeUndefined();
    expect(await send(mock.handlers, new Request(`${url}/extra`, { method: "POST", body: "{}" }))).toBeUndefined();
    expect(
      await send(mock.handlers, new Request(url.replace("/v3/", "/v2/"), { method: "POST", body: "{}" })),
    ).toBeUndefined();
  });
});

describe("baseUrl", () => {
  it("a full URL restricts every API to that origin and prefix", async () => {
    const mock = createMockApi({ baseUrl: "https://proxy.test/cloud" });
    expect(await answeredBy(mock, "taurusdb", "https://proxy.test/cloud")).toMatchObject({ status: 200 });
    expect(await answeredBy(mock, "taurusdb", "https://other.test/cloud")).toBeUndefined();
    expect(await answeredBy(mock, "taurusdb", "https://proxy.test/cloud/x")).toBeUndefined();
  });

  it("one base per API; a path prefix matches any origin; APIs left out match anywhere", async () => {
    const mock = createMockApi({ baseUrl: { dds: "/mongo", gaussdb: "https://gauss.test/" } });
    expect(await answeredBy(mock, "dds", "http://a.test/mongo")).toEqual({ status: 202, changed: ["dds"] });
    expect(await answeredBy(mock, "gaussdb", "https://gauss.test")).toMatchObject({ changed: ["gaussdb"] });
    expect(await answeredBy(mock, "gaussdb", "https://elsewhere.test")).toBeUndefined();
    // GeminiDB keeps matching any origin, but not DDS's configured base.
    expect(await answeredBy(mock, "geminidb", "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com")).toMatchObject({
      changed: ["geminidb"],
    });
  });

  it("handlersByApi holds one list per API", async () => {
    const mock = createMockApi();
    const counts = apiNames.map((api) => Object.keys(apiMeta[api].operations).length);
    apiNames.forEach((api, i) => expect(mock.handlersByApi[api]).toHaveLength(counts[i]!));
    expect(mock.handlers).toHaveLength(counts.reduce((a, b) => a + b, 0));
    const op = onlyOperation("taurusdb");
    expect(await send(mock.handlersByApi.dds, jsonRequest(op, firstRequestExample(op)))).toBeUndefined();
    expect((await send(mock.handlersByApi.taurusdb, jsonRequest(op, firstRequestExample(op))))?.status).toBe(200);
  });
});
