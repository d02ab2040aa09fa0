// The token check compares fixed-length SHA-256 digests, never the raw strings: a wrong token of any
// length costs the same work, and nothing returns early on a length mismatch (which leaks the length).
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@dbupgrade/aksk", async (importOriginal) => {
  const original = await importOriginal<typeof import("@dbupgrade/aksk")>();
  return { ...original, sha256Hex: vi.fn(original.sha256Hex) };
});

const { sha256Hex } = await import("@dbupgrade/aksk");
const { authenticate } = await import("../src/auth.js");
const { defaultMockCredentials } = await import("../src/credentials.js");

const hashed = vi.mocked(sha256Hex);
const withToken = (token: string) =>
  new Request("http://127.0.0.1/geminidb/v3/p/instances/db-upgrade", {
    method: "POST",
    headers: { "X-Auth-Token": token },
  });

afterEach(() => hashed.mockClear());

describe("token comparison", () => {
  it.each([
    ["shorter", "x"],
    ["equal", "x".repeat(defaultMockCredentials.token.length)],
    ["longer", defaultMockCredentials.token + "-and-more"],
  ])("hashes a wrong token of %s length before comparing, and refuses it", async (_, token) => {
    const outcome = await authenticate(withToken(token), new Uint8Array(), defaultMockCredentials, Date.now());
    expect(outcome.ok).toBe(false);
    expect(hashed.mock.calls.map((c) => c[0])).toContain(token);
  });

  it("accepts the configured token through the same digest comparison", async () => {
    const outcome = await authenticate(
      withToken(defaultMockCredentials.token),
      new Uint8Array(),
      defaultMockCredentials,
      Date.now(),
    );
    expect(outcome).toEqual({ ok: true, scheme: "token" });
    expect(hashed.mock.calls.map((c) => c[0])).toContain(defaultMockCredentials.token);
  });
});
