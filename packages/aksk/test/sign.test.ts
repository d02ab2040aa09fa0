// signRequest: default header choice, dates, the headers it returns and its input checks.
import { describe, expect, it } from "vitest";
import { canonicalRequest, hmacSha256Hex, parseAuthorization, signRequest, stringToSign } from "../src/index.js";

const keys = { accessKey: "AK0000", secretKey: "SK0000" };
const url = "https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com/v3/p/instances/db-upgrade/schedule-task";
const date = new Date("2024-06-01T12:00:00Z");

async function signedHeaderNames(headers: Record<string, string>, options = {}): Promise<string[] | undefined> {
  const added = await signRequest({ method: "POST", url, headers }, keys, { date, ...options });
  return parseAuthorization(added.Authorization)?.signedHeaders;
}

describe("signRequest", () => {
  it("signs every given header except Content-Type, Authorization and names with _, plus host and x-sdk-date", async () => {
    const names = await signedHeaderNames({
      "Content-Type": "application/json;charset=UTF-8",
      "X-Language": "en-us",
      "User-Agent": "dbupgrade",
      X_Custom_Underscore: "1",
      Authorization: "stale",
    });
    expect(names).toEqual(["host", "user-agent", "x-language", "x-sdk-date"]);
  });

  it("adds and signs X-Project-Id and X-Security-Token", async () => {
    const added = await signRequest(
      { method: "POST", url },
      { ...keys, securityToken: "temporary-token" },
      { date, projectId: "p" },
    );
    expect(Object.keys(added).sort()).toEqual(["Authorization", "X-Project-Id", "X-Sdk-Date", "X-Security-Token"]);
    expect(added["X-Project-Id"]).toBe("p");
    expect(added["X-Security-Token"]).toBe("temporary-token");
    expect(parseAuthorization(added.Authorization)?.signedHeaders).toEqual([
      "host",
      "x-project-id",
      "x-sdk-date",
      "x-security-token",
    ]);
  });

  it("the projectId option overrides an X-Project-Id header already on the request", async () => {
    const added = await signRequest({ method: "POST", url, headers: { "x-project-id": "old" } }, keys, {
      date,
      projectId: "new",
    });
    const canonical = await canonicalRequest(
      { method: "POST", url, headers: { "X-Project-Id": "new", "X-Sdk-Date": added["X-Sdk-Date"] } },
      ["host", "x-project-id", "x-sdk-date"],
    );
    expect(parseAuthorization(added.Authorization)?.signature).toBe(
      await hmacSha256Hex("SK0000", await stringToSign(added["X-Sdk-Date"], canonical)),
    );
  });

  it("signs exactly the chosen headers, always with x-sdk-date, in any case and order", async () => {
    expect(
      await signedHeaderNames(
        { "Content-Type": "application/json", "X-Other": "1" },
        { signedHeaders: ["Content-Type", "HOST"] },
      ),
    ).toEqual(["content-type", "host", "x-sdk-date"]);
    expect(await signedHeaderNames({ "X-Other": "1" }, { signedHeaders: [] })).toEqual(["x-sdk-date"]);
  });

  it("refuses to sign Authorization or a chosen header the request lacks", async () => {
    await expect(signRequest({ method: "GET", url }, keys, { signedHeaders: ["authorization"] })).rejects.toThrow(
      TypeError,
    );
    await expect(signRequest({ method: "GET", url }, keys, { signedHeaders: ["x-language"] })).rejects.toThrow(
      /x-language/,
    );
  });

  it("uses the request's X-Sdk-Date, else the date option, else the current time", async () => {
    const fromHeader = await signRequest({ method: "GET", url, headers: { "x-sdk-date": "20200101T000000Z" } }, keys, {
      date,
    });
    expect(fromHeader["X-Sdk-Date"]).toBe("20200101T000000Z");
    const fromOption = await signRequest({ method: "GET", url }, keys, { date });
    expect(fromOption["X-Sdk-Date"]).toBe("20240601T120000Z");
    const before = Date.now() - 1000;
    const now = await signRequest({ method: "GET", url }, keys);
    const signedAt = Date.parse(
      now["X-Sdk-Date"].replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    expect(signedAt).toBeGreaterThanOrEqual(before);
    expect(signedAt).toBeLessThanOrEqual(Date.now());
  });

  it("rejects an X-Sdk-Date header that is not YYYYMMDDTHHMMSSZ", async () => {
    await expect(
      signRequest({ method: "GET", url, headers: { "X-Sdk-Date": "2024-01-01T00:00:00Z" } }, keys),
    ).rejects.toThrow(/YYYYMMDDTHHMMSSZ/);
  });

  it("rejects empty keys without echoing them", async () => {
    await expect(signRequest({ method: "GET", url }, { accessKey: "AK", secretKey: "" })).rejects.toThrow(/non-empty/);
  });

  it("signs the same bytes the same way for every header container", async () => {
    const pairs: Array<[string, string]> = [
      ["X-Language", "zh-cn"],
      ["Content-Type", "application/json"],
    ];
    const results = await Promise.all(
      [Object.fromEntries(pairs), new Headers(pairs), pairs, new Map(pairs)].map((headers) =>
        signRequest({ method: "POST", url, headers, body: "{}" }, keys, { date }),
      ),
    );
    for (const result of results) expect(result).toEqual(results[0]);
  });
});
