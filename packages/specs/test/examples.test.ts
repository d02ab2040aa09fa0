// Every example in every spec validates against the schema it illustrates. The mocks serve these
// examples, so an invalid one would be a mock answering with an undocumented shape.
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { apiDocuments, apiNames } from "../src/index.js";
import { createSpecValidator, describeIssues, findOperation, type ValidationResult } from "../src/validation.js";

// The mocks serve these examples, so they are held to the documented fields only.
const validator = createSpecValidator({ documentedFieldsOnly: true });
const METHODS = ["get", "put", "post", "delete", "patch"];

type Case = { name: string; check: () => ValidationResult };

function resolve(doc: any, node: any): any {
  return node?.$ref
    ? resolve(
        doc,
        node.$ref
          .slice(2)
          .split("/")
          .reduce((o: any, k: string) => o[k], doc),
      )
    : node;
}

function collectCases(): Case[] {
  const cases: Case[] = [];
  for (const api of apiNames) {
    const doc = apiDocuments[api] as any;
    for (const item of Object.values<any>(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const opId = op.operationId as string;
        for (const [mediaType, media] of Object.entries<any>(resolve(doc, op.requestBody)?.content ?? {})) {
          for (const [exName, ex] of Object.entries<any>(media.examples ?? {})) {
            cases.push({
              name: `${api} ${opId} request ${mediaType} ${exName}`,
              check: () => validator.validateRequestBody(api, opId, ex.value),
            });
          }
        }
        for (const [status, raw] of Object.entries<any>(op.responses)) {
          const response = resolve(doc, raw);
          for (const media of Object.values<any>(response.content ?? {})) {
            for (const [exName, ex] of Object.entries<any>(media.examples ?? {})) {
              const code = status === "default" ? 599 : Number(status);
              cases.push({
                name: `${api} ${opId} response ${status} ${exName}`,
                check: () =>
                  validator.validateResponse(api, opId, code, ex.value, { "X-Request-Id": "example-request-id" }),
              });
            }
          }
        }
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => resolve(doc, x));
        // Every example of the operation at once (an operation may require several parameters);
        // each case looks at the issues of its own parameter.
        const parts: Record<string, Record<string, string>> = {};
        for (const p of params) if (p.example !== undefined) (parts[p.in] ??= {})[p.name] = p.example;
        for (const p of params) {
          if (p.example === undefined) continue;
          cases.push({
            name: `${api} ${opId} parameter ${p.name} example`,
            check: () => {
              const issues = validator
                .validateParameters(api, opId, parts)
                .issues.filter((i) => i.location === `${p.in}.${p.name}`);
              return issues.length ? { valid: false, issues } : { valid: true, issues: [] };
            },
          });
        }
      }
    }
  }
  return cases;
}

describe("spec examples", () => {
  const cases = collectCases();

  it("exist for every API: request, success response and errors", () => {
    for (const api of apiNames) {
      const names = cases.filter((c) => c.name.startsWith(`${api} `)).map((c) => c.name);
      expect(
        names.some((n) => n.includes(" request ")),
        `${api} request example`,
      ).toBe(true);
      expect(
        names.some((n) => / response 20[02] /.test(n)),
        `${api} success example`,
      ).toBe(true);
      expect(
        names.some((n) => n.includes(" response 400 ")),
        `${api} 400 example`,
      ).toBe(true);
      expect(
        names.some((n) => n.includes(" response 401 ")),
        `${api} 401 example`,
      ).toBe(true);
      expect(
        names.some((n) => n.includes(" response 500 ")),
        `${api} 500 example`,
      ).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s validates against its schema", (_name, c) => {
    const result = c.check();
    expect(result.valid, describeIssues(result.issues)).toBe(true);
  });

  it("schema-level `examples` validate against their own schema", () => {
    const ajv = new Ajv2020({ strict: false });
    let checked = 0;
    for (const api of apiNames) {
      const doc = apiDocuments[api] as any;
      ajv.addSchema(doc, `examples-${api}`);
      for (const [name, schema] of Object.entries<any>(doc.components.schemas)) {
        for (const example of schema.examples ?? []) {
          const validate = ajv.getSchema(`examples-${api}#/components/schemas/${name}`)!;
          expect(validate(example), `${api} ${name} example ${JSON.stringify(example)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("an example that breaks its schema is caught (the check can fail)", () => {
    const broken = validator.validateResponse(
      "geminidb",
      "batchUpgradeDatabaseVersion",
      202,
      { upgrade_results: [{ instance_id: "x", job_id: "j", error_code: "DBS.200011" }] },
      { "X-Request-Id": "r" },
    );
    expect(broken.valid).toBe(false);
  });

  it("findOperation rejects unknown operations", () => {
    expect(() => findOperation("dds", "noSuchOperation")).toThrow(/unknown operation dds.noSuchOperation/);
  });
});
