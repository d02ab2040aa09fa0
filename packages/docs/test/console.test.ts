// The console's parts outside the browser: its generated validators are current, every operation
// of the specs gets a page, the live check gives exactly the mock's 400 message, the signature
// comparison names the differing line, the pages keep a strict policy, and copied code holds no
// credentials.
import { apiMeta, apiNames, type ApiName } from "@dbupgrade/specs";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer } from "@dbupgrade/mocks/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allConsoleOperations, consolePageName, type ConsoleOperation } from "../src/console/console-operations.mjs";
import { checkValidatorsModule } from "../src/console/validators-codegen.mjs";
import { operationValidators } from "../src/console/generated/validators.js";
import { checkRequest, precompiledValidator } from "../src/console/app/request-check.js";
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { compareSignatures } from "../src/console/app/signature.js";
import { curlCommand, typescriptSnippet } from "../src/console/app/snippets.js";
import { consoleContentSecurityPolicy, renderConsolePage } from "../src/console/page.mjs";
import { pageDefinition, readSite } from "./site-files.js";

const operations = allConsoleOperations();
let mock: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, auth: defaultMockCredentials });
});
afterAll(async () => {
  await mock?.close();
});

/** The request a console form describes, as the page builds it for the live check. */
function formRequest(
  op: ConsoleOperation,
  changes: { path?: Record<string, string>; header?: Record<string, string>; bodyText?: string } = {},
) {
  const values = (where: string) =>
    Object.fromEntries(
      op.parameters.filter((p) => p.in === where && p.required && p.example !== "").map((p) => [p.name, p.example]),
    );
  const pathParams = { ...values("path"), ...changes.path };
  const headers = { ...values("header"), ...changes.header };
  const query = values("query");
  const bodyText = op.body ? (changes.bodyText ?? JSON.stringify(op.body.examples[0]?.value ?? {}, null, 2)) : null;
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ""));
  const url = new URL(`${mock.baseUrlOf(op.api)}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const requestHeaders = new Headers(headers);
  if (op.body) requestHeaders.set("Content-Type", op.body.contentType);
  const request = new Request(url, {
    method: op.method,
    headers: requestHeaders,
    ...(op.body ? { body: bodyText ?? "" } : {}),
  });
  return { request, pathParams, bodyText };
}

/** Sends the same request to the mock with the local token; returns status and error_msg. */
async function mockAnswer(request: Request) {
  const headers = new Headers(request.headers);
  headers.set("X-Auth-Token", defaultMockCredentials.token);
  const response = await fetch(new Request(request, { headers }));
  const body = (await response.json()) as { error_msg?: string };
  return { status: response.status, message: body.error_msg };
}

/** Inputs the mock refuses, built from each operation's own metadata and parameters. */
function refusedInputs(op: ConsoleOperation) {
  const cases: { name: string; changes: Parameters<typeof formRequest>[1] }[] = [];
  const meta = (
    apiMeta[op.api].operations as Record<string, { batch: { property: string; maxItems: number | null } | null }>
  )[op.operationId]!;
  const example = op.body?.examples[0]?.value as Record<string, unknown> | undefined;
  if (meta.batch?.maxItems && Array.isArray(example?.[meta.batch.property])) {
    const items = example[meta.batch.property] as unknown[];
    const tooMany = Array.from({ length: meta.batch.maxItems + 1 }, (_, i) => items[i % items.length]);
    cases.push({
      name: `${meta.batch.maxItems + 1} items in ${meta.batch.property}`,
      changes: { bodyText: JSON.stringify({ ...example, [meta.batch.property]: tooMany }) },
    });
  }
  if (op.body) cases.push({ name: "a body that is not JSON", changes: { bodyText: '{"instance_ids": [' } });
  if (op.parameters.some((p) => p.in === "path" && p.name === "project_id"))
    cases.push({ name: "a short project ID", changes: { path: { project_id: "abc" } } });
  for (const p of op.parameters.filter((p) => p.in === "header" && p.enum))
    cases.push({ name: `${p.name} outside its enum`, changes: { header: { [p.name]: "xx-yy" } } });
  for (const language of op.language?.values ?? []) {
    cases.push({
      name: `a short project ID, ${op.language!.name}: ${language}`,
      changes: { path: { project_id: "abc" }, header: { [op.language!.name]: language } },
    });
  }
  return cases;
}

describe("console: generated code", () => {
  it("the committed validators are what the specs generate (drift)", () => {
    expect(checkValidatorsModule().stale).toBe(false);
  });

  it("every operation of every spec has a console page and its validators", () => {
    const expected = apiNames.flatMap((api: ApiName) =>
      Object.keys(apiMeta[api].operations).map((id) => `${api}.${id}`),
    );
    expect(operations.map((op) => op.key)).toEqual(expected);
    expect(Object.keys(operationValidators)).toEqual(expected);
    for (const op of operations) {
      expect(consolePageName(op)).toBe(`${op.key}.html`);
      expect(Object.keys(operationValidators[op.key as keyof typeof operationValidators].parameters)).toEqual(
        op.parameters.map((p) => `${p.in}.${p.name}`),
      );
    }
  });
});

describe("console: the precompiled parameter check is the specs' validator", () => {
  const specValidator = createSpecValidator();
  it.each(operations.map((op) => [op.key, op] as const))(
    "%s: same issues for every parameter and sample value",
    (_, op) => {
      const check = precompiledValidator(op);
      for (const param of op.parameters) {
        for (const value of [
          param.example,
          "",
          "abc",
          "12",
          "0",
          "-1",
          "1.5",
          "01",
          "x".repeat(300),
          ...(param.enum ?? []).map(String),
        ]) {
          const parts = { [param.in]: { [param.name]: value } };
          const ours = check.validateParameters(op.api, op.operationId, parts).issues;
          const theirs = specValidator.validateParameters(op.api, op.operationId, parts).issues;
          expect(ours, `${param.in}.${param.name} = ${JSON.stringify(value)}`).toEqual(theirs);
        }
      }
    },
  );
});

describe("console: live check says what the mock will say", () => {
  it.each(operations.map((op) => [op.key, op] as const))("%s: the first example passes", (_, op) => {
    expect(checkRequest(op, formRequest(op)).issues).toEqual([]);
  });

  const cases = operations.flatMap((op) =>
    refusedInputs(op).map((c) => [`${op.key}: ${c.name}`, op, c.changes] as const),
  );
  it.each(cases)("%s: same 400 message as the mock", async (_, op, changes) => {
    const input = formRequest(op, changes);
    const local = checkRequest(op, { ...input, request: input.request.clone() });
    const answer = await mockAnswer(input.request);
    expect(answer.status).toBe(400);
    expect(local.issues.length).toBeGreaterThan(0);
    expect(local.message).toBe(answer.message);
  });
});

describe("console: signature comparison", () => {
  const page = {
    canonicalRequest:
      "POST\n/dds/v3/p/instances/db-upgrade/\n\nhost:127.0.0.1:4010\nx-sdk-date:20260101T000000Z\n\nhost;x-sdk-date\nabc",
    stringToSign: "SDK-HMAC-SHA256\n20260101T000000Z\nh1",
  };

  it("same canonical request: the signature row differs and the summary blames the secret key", () => {
    const { lines, summary, sameCanonical } = compareSignatures(page, page);
    expect(sameCanonical).toBe(true);
    expect(lines.filter((l) => !l.same).map((l) => l.part)).toEqual([
      "signature: HMAC-SHA256(secret key, string to sign)",
    ]);
    expect(summary).toMatch(/secret key differs/);
  });

  it("a different Host: the host header line is the one named", () => {
    const server = {
      canonicalRequest: page.canonicalRequest.replace("host:127.0.0.1:4010", "host:localhost:4010"),
      stringToSign: "SDK-HMAC-SHA256\n20260101T000000Z\nh2",
    };
    const { lines, summary } = compareSignatures(page, server);
    expect(lines.filter((l) => !l.same).map((l) => l.part)).toEqual([
      "canonical request line 4: header host",
      "string to sign line 3: SHA-256 of the canonical request",
    ]);
    expect(summary).toContain("header host");
  });
});

describe("console: pages", () => {
  it("use no inline script and a policy without unsafe-inline or unsafe-eval for scripts", () => {
    expect(consoleContentSecurityPolicy).toMatch(/script-src 'self';/);
    expect(consoleContentSecurityPolicy).not.toMatch(/unsafe/);
    expect(consoleContentSecurityPolicy).toMatch(/require-trusted-types-for 'script'/);
    for (const op of operations) {
      const html = renderConsolePage(op);
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(
        scripts.every(
          (attributes) => /\bsrc="console\.js"/.test(attributes) || /type="application\/json"/.test(attributes),
        ),
      ).toBe(true);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it("keep hostile spec text inside the data block and out of markup", () => {
    const op = operations[0]!;
    const hostile = {
      ...op,
      summary: "</script><script>alert(1)</script><!--",
      service: "<img src=x onerror=alert(1)>",
    };
    const html = renderConsolePage(hostile);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).not.toContain("<img src=x");
    const block = /<script type="application\/json" id="operation-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(block).summary).toBe(hostile.summary);
  });
});

describe("console: links into the console from the built site", () => {
  it("every operation's description on its API page and the portal card link to its console page", () => {
    const portal = readSite("index.html");
    expect(portal).toContain('href="console/index.html"');
    for (const op of operations) {
      const definition = pageDefinition(readSite(`${op.api}.html`));
      const operation = definition.paths[op.path][op.method.toLowerCase()];
      expect(operation.description).toContain(`[Try it in the console](console/${consolePageName(op)})`);
      expect(readSite(`console/${consolePageName(op)}`)).toContain(`<h1>`);
    }
    for (const op of operations.filter((o, i, all) => all.findIndex((x) => x.api === o.api) === i)) {
      expect(portal).toContain(`href="console/${consolePageName(op)}"`);
    }
  });
});

describe("console: copied code", () => {
  const op = operations[0]!;
  const sent = {
    method: op.method,
    url: "http://127.0.0.1:4010/x",
    headers: [
      ["x-auth-token", "s3cret-token"],
      ["content-type", "application/json"],
    ] as [string, string][],
    body: "{}",
  };

  it("curl reads the token from the environment and quotes the body for the shell", () => {
    const curl = curlCommand({ ...sent, body: `{"a":"it's"}` }, "token");
    expect(curl).not.toContain("s3cret-token");
    expect(curl).toContain('-H "X-Auth-Token: $DBUPGRADE_TOKEN"');
    expect(curl).toContain(`--data-binary '{"a":"it'\\''s"}'`);
  });

  it("TypeScript calls the operation's path through the client with keys from the environment", () => {
    const ts = typescriptSnippet(op, {
      baseUrl: "http://127.0.0.1:4010/x",
      scheme: "aksk",
      pathParams: { project_id: "p" },
      query: {},
      headers: {},
      bodyText: "{}",
    });
    expect(ts).toContain(`import { ${op.clientFactory} } from "@dbupgrade/client";`);
    expect(ts).toContain(`client.raw.${op.method}(${JSON.stringify(op.path)}`);
    expect(ts).toContain("process.env.DBUPGRADE_SK!");
  });
});
