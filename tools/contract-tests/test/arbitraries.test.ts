// The generators are only useful if "valid" really is valid and every mutation really is invalid:
// checked here against the spec validator for every operation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiMeta } from "@dbupgrade/specs/meta";
import { createSpecValidator, describeIssues } from "@dbupgrade/specs/validation";
import { invalidArbitrary, mutations, validArbitrary } from "../src/arbitraries.js";
import { bodyOperations as specOperations } from "../src/operations.js";
import { fcParams } from "../src/runs.js";

const validator = createSpecValidator();

describe.each(specOperations().map((o) => [`${o.api}.${o.operationId}`, o] as const))("%s generators", (_name, op) => {
  const ctx = { api: op.api };

  it("valid bodies validate", () => {
    fc.assert(
      fc.property(validArbitrary(ctx, op.requestSchema), (body) => {
        const r = validator.validateRequestBody(op.api, op.operationId, body);
        expect(r.valid, `${JSON.stringify(body)}: ${describeIssues(r.issues)}`).toBe(true);
      }),
      fcParams(),
    );
  });

  it("every mutation is invalid, and names where", () => {
    fc.assert(
      fc.property(invalidArbitrary(ctx, op.requestSchema), (bad) => {
        const r = validator.validateRequestBody(op.api, op.operationId, bad.body);
        expect(r.valid, `${bad.kind} at ${bad.at} was accepted`).toBe(false);
      }),
      fcParams(),
    );
  });

  it("covers the kinds of mistakes the issue lists", () => {
    const sample = fc.sample(validArbitrary(ctx, op.requestSchema), { seed: 1, numRuns: 1 })[0];
    const kinds = new Set(mutations(ctx, op.requestSchema, sample).map((m) => m.kind));
    // A body with no required field (openGauss candidate versions: the SDK requires nothing) cannot miss one.
    const required = (apiMeta[op.api].operations as Record<string, { requiredBodyFields: readonly string[] }>)[
      op.operationId
    ]!.requiredBodyFields;
    if (required.length > 0) expect(kinds).toContain("missing required field");
    for (const kind of ["wrong type", "undocumented field", "extra nesting", "huge string", "not an object"] as const) {
      expect(kinds, kind).toContain(kind);
    }
  });
});
