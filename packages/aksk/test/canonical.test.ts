// The canonical form's edge cases: path and query encoding, header lines, payload hash, dates and
// the Authorization syntax.
import { describe, expect, it } from "vitest";
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  EMPTY_BODY_SHA256,
  formatAuthorization,
  formatSdkDate,
  MissingSignedHeaderError,
  parseAuthorization,
  parseSdkDate,
  sha256Hex,
} from "../src/index.js";

describe("canonicalUri", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["/v3/p/instances/db-upgrade", "/v3/p/instances/db-upgrade/"],
    ["/a/b/", "/a/b/"],
    ["//a", "//a/"],
    // already-encoded input is decoded first: no %2520, and lower-case escapes become upper-case
    ["/a%20b/c%2fd", "/a%20b/c%2Fd/"],
    // characters outside A-Z a-z 0-9 - _ . ~ are escaped over their UTF-8 bytes
    ["/一/a+b/(x)/!*'", "/%E4%B8%80/a%2Bb/%28x%29/%21%2A%27/"],
    ["/%e4%b8%80", "/%E4%B8%80/"],
    // escapes that are not UTF-8 keep their bytes; a stray % is a literal %
    ["/%FF/%zz/100%", "/%FF/%25zz/100%25/"],
    ["/-_.~", "/-_.~/"],
  ])("%j -> %j", (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });

  it("uses the path of the URL as the WHATWG parser leaves it (spaces and unicode encoded once)", async () => {
    const canonical = await canonicalRequest({ method: "get", url: "https://h.example/a b/ü?x=1#frag" }, ["host"]);
    expect(canonical.split("\n").slice(0, 3)).toEqual(["GET", "/a%20b/%C3%BC/", "x=1"]);
  });
});

describe("canonicalQueryString", () => {
  it.each([
    ["", ""],
    ["?", ""],
    ["?b=2&a=1", "a=1&b=2"],
    ["a=3&a=1&a=2", "a=1&a=2&a=3"],
    ["flag&x=", "flag=&x="],
    ["a=1&&b=2&", "a=1&b=2"],
    ["q=a+b&r=a%2Bb", "q=a%20b&r=a%2Bb"],
    ["k=v=w", "k=v%3Dw"],
    ["%7e=%7E", "~=~"],
    // bytewise over UTF-8: "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9) < "😀" (0xF0 ...)
    ["%F0%9F%98%80=1&%C3%A9=1&a=1&Z=1", "Z=1&a=1&%C3%A9=1&%F0%9F%98%80=1"],
    // U+FF5E sorts before U+1F600 in UTF-8 bytes, though not in UTF-16 code units
    ["x=%F0%9F%98%80&x=%EF%BD%9E", "x=%EF%BD%9E&x=%F0%9F%98%80"],
  ])("%j -> %j", (search, expected) => {
    expect(canonicalQueryString(search)).toBe(expected);
  });
});

describe("canonicalRequest", () => {
  const url = "https://svc.example.com/p";

  it("writes lower-case names, trimmed values, sorted, with the blank line before SignedHeaders", async () => {
    const canonical = await canonicalRequest(
      { method: "POST", url, headers: { "X-B": "  two  words \t", "x-a": "1", "X-Sdk-Date": "20240101T000000Z" } },
      ["X-B", "x-sdk-date", "X-A", "x-a"],
    );
    expect(canonical).toBe(
      `POST\n/p/\n\nx-a:1\nx-b:two  words\nx-sdk-date:20240101T000000Z\n\nx-a;x-b;x-sdk-date\n${EMPTY_BODY_SHA256}`,
    );
  });

  it("joins repeated header fields with ', ' as HTTP does (Node's array-valued headers)", async () => {
    const fromRecord = await canonicalRequest({ method: "GET", url, headers: { "x-multi": ["a", "b"] } }, ["x-multi"]);
    const fromPairs = await canonicalRequest(
      {
        method: "GET",
        url,
        headers: [
          ["X-Multi", "a"],
          ["x-multi", "b"],
        ],
      },
      ["x-multi"],
    );
    const fromHeaders = await canonicalRequest(
      {
        method: "GET",
        url,
        headers: new Headers([
          ["X-Multi", "a"],
          ["x-multi", "b"],
        ]),
      },
      ["x-multi"],
    );
    expect(fromRecord).toContain("\nx-multi:a, b\n");
    expect(fromPairs).toBe(fromRecord);
    expect(fromHeaders).toBe(fromRecord);
  });

  it("takes host from a Host header, else from the URL authority with its non-default port", async () => {
    expect(await canonicalRequest({ method: "GET", url: "http://127.0.0.1:4010/dds/x" }, ["host"])).toContain(
      "\nhost:127.0.0.1:4010\n",
    );
    expect(await canonicalRequest({ method: "GET", url: "https://h.example:443/" }, ["host"])).toContain(
      "\nhost:h.example\n",
    );
    expect(
      await canonicalRequest({ method: "GET", url: "https://h.example/", headers: { Host: "other.example" } }, [
        "host",
      ]),
    ).toContain("\nhost:other.example\n");
  });

  it("hashes the exact body bytes, whatever their container", async () => {
    const text = '{"name":"数据库"}';
    const bytes = new TextEncoder().encode(text);
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes, 2);
    const expectedHash = await sha256Hex(bytes);
    for (const body of [
      text,
      bytes,
      bytes.buffer,
      new DataView(padded.buffer, 2, bytes.length),
      padded.subarray(2, 2 + bytes.length),
    ]) {
      const canonical = await canonicalRequest({ method: "POST", url, body }, ["host"]);
      expect(canonical.endsWith(`\n${expectedHash}`)).toBe(true);
    }
    for (const body of [undefined, null, "", new Uint8Array(0)]) {
      expect((await canonicalRequest({ method: "POST", url, body }, ["host"])).endsWith(`\n${EMPTY_BODY_SHA256}`)).toBe(
        true,
      );
    }
  });

  it("uses X-Sdk-Content-Sha256 instead of hashing the body when the header is present", async () => {
    const canonical = await canonicalRequest(
      { method: "PUT", url, headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, body: "anything" },
      ["host"],
    );
    expect(canonical.endsWith("\nUNSIGNED-PAYLOAD")).toBe(true);
  });

  it("throws MissingSignedHeaderError for a listed header the request lacks", async () => {
    await expect(canonicalRequest({ method: "GET", url }, ["x-project-id"])).rejects.toBeInstanceOf(
      MissingSignedHeaderError,
    );
  });

  it("rejects a relative URL", async () => {
    await expect(canonicalRequest({ method: "GET", url: "/v3/x" }, ["host"])).rejects.toThrow(/absolute/);
  });
});

describe("X-Sdk-Date", () => {
  it("formats in UTC and drops milliseconds", () => {
    expect(formatSdkDate(new Date("2019-11-15T03:36:55.999Z"))).toBe("20191115T033655Z");
    expect(formatSdkDate(new Date("2024-02-29T23:59:59+08:00"))).toBe("20240229T155959Z");
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("parses only the exact form and real calendar times", () => {
    expect(parseSdkDate("20191115T033655Z")?.toISOString()).toBe("2019-11-15T03:36:55.000Z");
    for (const bad of [
      "2019-11-15T03:36:55Z",
      "20191115T033655",
      "20191115t033655z",
      "20240230T000000Z",
      "20240101T246000Z",
      " 20240101T000000Z",
    ]) {
      expect(parseSdkDate(bad), bad).toBeUndefined();
    }
  });
});

describe("Authorization header", () => {
  const signature = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";

  it("round-trips through format and parse", () => {
    const header = formatAuthorization("QTWAOYTTINDUT2QVKYUC", ["content-type", "host", "x-sdk-date"], signature);
    expect(header).toBe(
      `SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=${signature}`,
    );
    expect(parseAuthorization(header)).toEqual({
      accessKey: "QTWAOYTTINDUT2QVKYUC",
      signedHeaders: ["content-type", "host", "x-sdk-date"],
      signature,
    });
  });

  it.each([
    ["wrong algorithm", `SDK-HMAC-SHA1 Access=AK, SignedHeaders=host, Signature=${signature}`],
    ["missing comma space", `SDK-HMAC-SHA256 Access=AK,SignedHeaders=host, Signature=${signature}`],
    ["parts reordered", `SDK-HMAC-SHA256 SignedHeaders=host, Access=AK, Signature=${signature}`],
    ["empty access key", `SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=${signature}`],
    ["upper-case header name", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host, Signature=${signature}`],
    ["unsorted headers", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date;host, Signature=${signature}`],
    ["repeated header", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;host, Signature=${signature}`],
    ["empty header name", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x-sdk-date, Signature=${signature}`],
    ["upper-case signature", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature.toUpperCase()}`],
    ["short signature", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature.slice(1)}`],
    ["trailing text", `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}, Extra=1`],
    ["Bearer token", "Bearer abc"],
  ])("rejects %s", (_name, header) => {
    expect(parseAuthorization(header)).toBeNull();
  });
});
