// The opt-in signature debug header (for the docs console's debugger): off by default; when on, a
// refused signature's 401 carries the canonical request and string to sign the mock computed, the
// same text the client computed for the same bytes, and never the secret or the expected signature.
import { canonicalRequest, hmacSha256Hex, parseAuthorization, stringToSign } from "@dbupgrade/aksk";
import { describe, expect, it } from "vitest";
import { SIGNATURE_DEBUG_HEADER } from "../src/auth.js";
import { defaultMockCredentials } from "../src/credentials.js";
import { createMockApi } from "../src/mock-api.js";
import { firstRequestExample, mustSend, onlyOperation, signedRequest } from "./support.js";

const op = onlyOperation("dds");
const body = firstRequestExample(op);
const decode = (value: string) => JSON.parse(atob(value)) as { canonicalRequest: string; stringToSign: string };

describe("signature debug header", () => {
  it("is absent by default, even for a wrong secret", async () => {
    const answer = await mustSend(
      createMockApi().handlers,
      await signedRequest(op, body, { secretKey: "not-the-secret" }),
    );
    expect(answer.status).toBe(401);
    expect(answer.headers[SIGNATURE_DEBUG_HEADER.toLowerCase()]).toBeUndefined();
  });

  it("with debugSignatures, carries what the mock signed for a wrong secret, equal to the client's canonical request", async () => {
    const request = await signedRequest(op, body, { secretKey: "not-the-secret" });
    const copy = request.clone();
    const answer = await mustSend(createMockApi({ debugSignatures: true }).handlers, request);
    expect(answer.status).toBe(401);
    const header = answer.headers[SIGNATURE_DEBUG_HEADER.toLowerCase()];
    expect(header).toBeDefined();
    const debug = decode(header!);
    const parsed = parseAuthorization(copy.headers.get("authorization")!)!;
    const ours = await canonicalRequest(
      { method: copy.method, url: copy.url, headers: copy.headers, body: await copy.text() },
      parsed.signedHeaders,
    );
    expect(debug.canonicalRequest).toBe(ours);
    expect(debug.stringToSign).toBe(await stringToSign(copy.headers.get("x-sdk-date")!, ours));
    const expected = await hmacSha256Hex(defaultMockCredentials.secretKey, debug.stringToSign);
    expect(header).not.toContain(defaultMockCredentials.secretKey);
    expect(atob(header!)).not.toContain(expected);
  });

  it("is not sent for a valid signature nor for other refusals (unknown key, token)", async () => {
    const mock = createMockApi({ debugSignatures: true });
    const ok = await mustSend(mock.handlers, await signedRequest(op, body));
    expect(ok.status).toBe(op.successStatus);
    const unknown = await mustSend(mock.handlers, await signedRequest(op, body, { accessKey: "SOMEONEELSE000000000" }));
    expect(unknown.status).toBe(401);
    for (const answer of [ok, unknown]) expect(answer.headers[SIGNATURE_DEBUG_HEADER.toLowerCase()]).toBeUndefined();
  });
});

describe("signature debug header over HTTP", () => {
  it("refuses to start on a non-loopback host", async () => {
    const { startMockServer } = await import("../src/server.js");
    await expect(startMockServer({ port: 0, host: "0.0.0.0", debugSignatures: true })).rejects.toThrow(
      /this machine only/,
    );
  });

  it("is exposed to browsers (CORS) only when debugSignatures is on", async () => {
    const { startMockServer } = await import("../src/server.js");
    for (const debugSignatures of [false, true]) {
      const server = await startMockServer({ port: 0, debugSignatures });
      try {
        const request = await signedRequest(op, body, { secretKey: "not-the-secret", base: server.baseUrlOf(op.api) });
        const answer = await fetch(request);
        expect(answer.status).toBe(401);
        expect(answer.headers.get("access-control-expose-headers")).toBe(
          debugSignatures ? `X-Request-Id, ${SIGNATURE_DEBUG_HEADER}` : "X-Request-Id",
        );
        expect(answer.headers.has(SIGNATURE_DEBUG_HEADER)).toBe(debugSignatures);
      } finally {
        await server.close();
      }
    }
  });
});
