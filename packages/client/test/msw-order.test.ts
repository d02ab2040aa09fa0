// Toolchain pitfall 2: openapi-fetch captures globalThis.fetch at creation. These clients are created
// before MSW starts and must still be intercepted.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, expect, it } from "vitest";
import { anyClient, operationCases, pathOf, projectId, requestExample, responseExample } from "./support/spec.js";

const clients = operationCases.map((c) => ({
  ...c,
  client: anyClient(c.api, { baseUrl: `https://order.test/${c.api}`, projectId, auth: { token: "order-token" } }),
}));
const server = setupServer(
  ...operationCases.map(({ api, operationId, meta }) =>
    http.post(`https://order.test/${api}${pathOf(meta)}`, () =>
      HttpResponse.json(responseExample(api, operationId, meta.successStatus), { status: meta.successStatus }),
    ),
  ),
);
afterAll(() => server.close());

it("clients created before server.listen() are intercepted", async () => {
  server.listen({ onUnhandledRequest: "error" });
  for (const { api, operationId, meta, client } of clients) {
    await expect(client[`${operationId}OrThrow`]!(requestExample(api, operationId))).resolves.toEqual(
      responseExample(api, operationId, meta.successStatus),
    );
  }
});
