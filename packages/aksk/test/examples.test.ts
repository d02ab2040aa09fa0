import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

it("examples/sign-a-request.ts prints the DDS vector's Authorization and verifies it", async () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const { added, result } = await import("../examples/sign-a-request.js");
  expect(log.mock.calls[0]).toEqual([
    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=0d1f558696d63c4dfb2d79a98b6e1aec8f9ba6c341926ace223b1300f6900434",
  ]);
  expect(added["X-Sdk-Date"]).toBe("20240101T000000Z");
  expect(result).toEqual({ ok: true, accessKey: "AccessKey" });
  expect(log.mock.calls[1]).toEqual([{ ok: true, accessKey: "AccessKey" }]);
});
