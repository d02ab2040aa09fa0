// Every operation in the specs has a client method, a mock handler and a docs section, and none of
// those exists without a spec operation. A fifth spec (or a new operation) fails here until the
// client, the mocks and the docs cover it.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createDbUpgradeClients } from "@dbupgrade/client";
import { createMockApi } from "@dbupgrade/mocks";
import { apiNames } from "@dbupgrade/specs";
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { credentials, exampleParameters, firstRequestExample, operationUrl, projectId } from "../src/harness.js";
import { specOperations } from "../src/operations.js";
import { checkCase } from "../src/results.js";

const operations = specOperations();
const opsOf = (api: string) =>
  operations
    .filter((o) => o.api === api)
    .map((o) => o.operationId)
    .sort();

/** The spec example request of an operation (its body example, or its parameter examples), as the mock server would hand it to the handlers. */
function specRequest(op: (typeof operations)[number]): Request {
  if (op.requestContentType === null) {
    return new Request(operationUrl(`http://127.0.0.1/${op.api}`, op.path, exampleParameters(op.api, op.operationId)), {
      method: op.method,
      headers: { "X-Auth-Token": credentials.token },
    });
  }
  return new Request(`http://127.0.0.1/${op.api}${op.path.replace("{project_id}", projectId)}`, {
    method: op.method,
    headers: { "Content-Type": op.requestContentType, "X-Auth-Token": credentials.token },
    body: JSON.stringify(firstRequestExample(op.api, op.operationId)),
  });
}

const docsSite = join(dirname(createRequire(import.meta.url).resolve("@dbupgrade/docs/package.json")), "site");

describe("client", () => {
  const clients = createDbUpgradeClients({
    baseUrl: (api) => `http://127.0.0.1:9/${api}`,
    projectId,
    auth: { token: "t" },
  });

  it("has one client per spec, and no other", () => {
    expect(Object.keys(clients).sort()).toEqual([...apiNames].sort());
  });

  it.each([...apiNames])("%s: one method (and its throwing twin) per operation, and no other", async (api) => {
    await checkCase({ api, operationId: "*", status: "-", check: "client method per operation" }, () => {
      const client = (clients as unknown as Record<string, Record<string, unknown>>)[api]!;
      const methods = Object.keys(client).filter((k) => typeof client[k] === "function");
      expect(methods.filter((m) => !m.endsWith("OrThrow")).sort()).toEqual(opsOf(api));
      expect(methods.filter((m) => m.endsWith("OrThrow")).sort()).toEqual(opsOf(api).map((o) => `${o}OrThrow`));
    });
  });
});

describe("mocks", () => {
  const mock = createMockApi({ seed: 3 });

  it("have one handler list per spec, and no other", () => {
    expect(Object.keys(mock.handlersByApi).sort()).toEqual([...apiNames].sort());
  });

  it.each(operations.map((o) => [`${o.api}.${o.operationId}`, o] as const))(
    "%s is handled by its API's handlers",
    async (_n, op) => {
      await checkCase(
        { api: op.api, operationId: op.operationId, status: "-", check: "mock handler per operation" },
        async () => {
          const response = await getResponse(mock.handlersByApi[op.api], specRequest(op));
          // The parameter examples may name a job or instance the seeded fleet does not have: then a documented error.
          if (op.requestContentType === null) expect(op.statuses).toContain(response?.status);
          else expect(response?.status).toBe(op.successStatus);
        },
      );
    },
  );

  it.each([...apiNames])(
    "%s: each handler answers exactly one spec operation (no handler without one)",
    async (api) => {
      const handlers = mock.handlersByApi[api];
      expect(handlers).toHaveLength(opsOf(api).length);
      for (const handler of handlers) {
        let answered = 0;
        for (const op of operations.filter((o) => o.api === api)) {
          const response = await getResponse([handler], specRequest(op));
          if (response) answered++;
        }
        expect(answered).toBe(1);
      }
    },
  );
});

describe("docs", () => {
  const pages = readdirSync(docsSite).filter((f) => f.endsWith(".html") && f !== "index.html");

  it("have one API page per spec, and no other", () => {
    expect(pages.map((p) => p.replace(/\.html$/, "")).sort()).toEqual([...apiNames].sort());
  });

  it.each([...apiNames])("%s: the page documents exactly the spec's operations, with code samples", async (api) => {
    await checkCase({ api, operationId: "*", status: "-", check: "docs section per operation" }, () => {
      const html = readFileSync(join(docsSite, `${api}.html`), "utf8");
      const documented = [...new Set([...html.matchAll(/"operationId":"([^"]+)"/g)].map((m) => m[1]!))].sort();
      expect(documented).toEqual(opsOf(api));
      expect(html).toContain('"x-codeSamples"');
      // Every operation has its TypeScript sample (the throwing twin, or the plain method for a body-less success).
      for (const op of opsOf(api))
        expect(html, `${api}.${op} TypeScript sample`).toMatch(new RegExp(`client\\.${op}(OrThrow)?\\(`));
      // And each operation of the page's document carries the TypeScript and curl samples.
      const definition = JSON.parse(/const __redoc_definition = (.*);$/m.exec(html)?.[1] ?? "null");
      const sampled = Object.values<any>(definition?.paths ?? {}).flatMap((item) =>
        Object.values<any>(item).filter(
          (operation) =>
            operation?.operationId &&
            operation["x-codeSamples"]?.map((c: { lang: string }) => c.lang).join() === "TypeScript,curl",
        ),
      );
      expect(sampled.map((operation) => operation.operationId).sort()).toEqual(opsOf(api));
    });
  });

  it("the portal links every API page", () => {
    const index = readFileSync(join(docsSite, "index.html"), "utf8");
    for (const api of apiNames) expect(index).toContain(`href="${api}.html"`);
  });
});
