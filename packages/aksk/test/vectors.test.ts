// Every SDK-HMAC-SHA256 vector from the reference facts (official docs, Java, Python and Go SDK tests,
// and the self-computed DDS vector), reproduced through the public API with each hash engine: WebCrypto
// (browsers, the default entry) and node:crypto (the Node entry).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeCryptoEngine } from "../src/digest-node.js";
import { useHashEngine, webCryptoEngine } from "../src/digest.js";
import {
  canonicalQueryString,
  canonicalRequest,
  EMPTY_BODY_SHA256,
  hmacSha256Hex,
  parseAuthorization,
  sha256Hex,
  signRequest,
  stringToSign,
  verifyRequest,
} from "../src/index.js";

const VPCS_URL =
  "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
const TEST_KEYS = { accessKey: "AccessKey", secretKey: "SecretKey" };

function signatureOf(authorization: string): string {
  const parsed = parseAuthorization(authorization);
  if (!parsed) throw new Error(`unparseable Authorization: ${authorization}`);
  return parsed.signature;
}

describe.each([webCryptoEngine, nodeCryptoEngine])("with the $name engine", (engine) => {
  beforeAll(() => useHashEngine(engine));
  afterAll(() => useHashEngine(webCryptoEngine));

  describe("official docs vector (api-sign-algorithm-002..005)", () => {
    const request = {
      method: "GET",
      url: VPCS_URL,
      headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
    };
    const signedHeaders = ["content-type", "host", "x-sdk-date"];
    const credentials = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };

    it("builds the documented canonical request and its hash", async () => {
      const canonical = await canonicalRequest(request, signedHeaders);
      expect(canonical).toBe(
        "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n" +
          "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\n" +
          `content-type;host;x-sdk-date\n${EMPTY_BODY_SHA256}`,
      );
      expect(await sha256Hex(canonical)).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
      expect(await stringToSign("20191115T033655Z", canonical)).toBe(
        "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
      );
    });

    it("signs to the documented Authorization header and verifies", async () => {
      const added = await signRequest(request, credentials, { signedHeaders });
      expect(added).toEqual({
        "X-Sdk-Date": "20191115T033655Z",
        Authorization:
          "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
      });
      const result = await verifyRequest(
        { ...request, headers: { ...request.headers, Authorization: added.Authorization } },
        (ak) => (ak === credentials.accessKey ? credentials.secretKey : undefined),
        { now: new Date("2019-11-15T03:40:00Z") },
      );
      expect(result).toEqual({ ok: true, accessKey: "QTWAOYTTINDUT2QVKYUC" });
    });
  });

  describe("Java AKSKSignerTest vectors (default signed headers skip Content-Type and names with _)", () => {
    const headers = { "Content-Type": "application/json", TEST_UNDERSCORE: "value", "X-Sdk-Date": "20191115T033655Z" };

    it("a) GET with query", async () => {
      const added = await signRequest({ method: "GET", url: VPCS_URL, headers }, TEST_KEYS);
      expect(added.Authorization).toBe(
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d",
      );
    });

    it("b) POST with a JSON body", async () => {
      const added = await signRequest(
        {
          method: "POST",
          url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123",
          headers,
          body: '{"key":"value"}',
        },
        TEST_KEYS,
      );
      expect(parseAuthorization(added.Authorization)?.signedHeaders).toEqual(["host", "x-sdk-date"]);
      expect(signatureOf(added.Authorization)).toBe("b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771");
    });

    it("c) no path, explicit Host header", async () => {
      const added = await signRequest(
        { method: "GET", url: "https://service.region.example.com", headers: { ...headers, Host: "example.com" } },
        TEST_KEYS,
      );
      expect(parseAuthorization(added.Authorization)?.signedHeaders).toEqual(["host", "x-sdk-date"]);
      expect(signatureOf(added.Authorization)).toBe("919ad8b75d4ad49da0d377e63ee21c4a7a54b752f6bf2878b4adbe9c19927da6");
      const canonical = await canonicalRequest(
        { method: "GET", url: "https://service.region.example.com", headers: { ...headers, Host: "example.com" } },
        ["host", "x-sdk-date"],
      );
      expect(canonical.split("\n").slice(1, 4)).toEqual(["/", "", "host:example.com"]);
    });
  });

  describe("Python test_signer.py vectors (SignedHeaders host;x-sdk-date)", () => {
    const url = "https://service.endpoint.myhuaweicloud.com/resources?size=1";
    const headers = { "X-Sdk-Date": "20200608T023900Z" };

    it("GET with an empty body", async () => {
      const added = await signRequest({ method: "GET", url, headers }, TEST_KEYS, { signedHeaders: ["host"] });
      expect(added.Authorization).toBe(
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
      );
    });

    it("POST with a JSON body", async () => {
      const added = await signRequest({ method: "POST", url, headers, body: '{"name":"test","id":1}' }, TEST_KEYS, {
        signedHeaders: ["host", "x-sdk-date"],
      });
      expect(signatureOf(added.Authorization)).toBe("436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f");
    });
  });

  describe("Go signer_test.go vectors (SignedHeaders x-sdk-date only)", () => {
    const headers = { "X-Sdk-Date": "20060102T150405Z" };

    it("GET ?limit=1", async () => {
      const added = await signRequest(
        { method: "GET", url: "https://example.huaweicloud.com/path?limit=1", headers },
        TEST_KEYS,
        {
          signedHeaders: [],
        },
      );
      expect(added.Authorization).toBe(
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
      );
    });

    it("POST ?key=value with Go's JSON encoder body (trailing newline included)", async () => {
      const body = new TextEncoder().encode('{"Name":"test","Id":1}\n');
      const added = await signRequest(
        { method: "POST", url: "https://example.huaweicloud.com/path?key=value", headers, body },
        TEST_KEYS,
        {
          signedHeaders: ["X-Sdk-Date"],
        },
      );
      expect(signatureOf(added.Authorization)).toBe("cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
    });

    it("canonical query string of TestSigner_canonicalQueryString", () => {
      const query = new URLSearchParams([
        ["limit", "1"],
        ["enable", "true"],
        ["test", "一 (&=?!#%.*)"],
        ["path", "/tmp/123"],
        ["multi", "3"],
        ["multi", "1"],
        ["multi", "2"],
      ]).toString();
      expect(canonicalQueryString(query)).toBe(
        "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
      );
    });
  });

  describe("self-computed DDS vector (this project's request shape, not official)", () => {
    const body = '{"instance_ids":["aaa","bbb"]}';
    const projectId = "0123456789abcdef0123456789abcdef";
    const request = {
      method: "POST",
      url: `https://dds.ap-southeast-1.myhuaweicloud.com/v3/${projectId}/instances/db-upgrade`,
      headers: { "Content-Type": "application/json", "X-Sdk-Date": "20240101T000000Z" },
      body,
    };

    it("body hash, canonical request hash and signature", async () => {
      expect(await sha256Hex(body)).toBe("baf404c56579b02aa2098dd17d8a4ba41e943c402ba886005e17699bc47dd167");
      const canonical = await canonicalRequest(
        { ...request, headers: { ...request.headers, "X-Project-Id": projectId } },
        ["host", "x-project-id", "x-sdk-date"],
      );
      expect(await sha256Hex(canonical)).toBe("e199f33226839437be87986cf5a035bad1e731840be34a0e3cd03b2256594585");
      expect(await hmacSha256Hex("SecretKey", await stringToSign("20240101T000000Z", canonical))).toBe(
        "0d1f558696d63c4dfb2d79a98b6e1aec8f9ba6c341926ace223b1300f6900434",
      );
    });

    it("signRequest's defaults with projectId give the same signature (Java's header choice)", async () => {
      const added = await signRequest(request, TEST_KEYS, { projectId });
      expect(added).toEqual({
        "X-Sdk-Date": "20240101T000000Z",
        "X-Project-Id": projectId,
        Authorization:
          "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=0d1f558696d63c4dfb2d79a98b6e1aec8f9ba6c341926ace223b1300f6900434",
      });
    });
  });
});
