// Deprecated ("historical") operations are marked on the portal and in the API pages, each linking
// the operation that replaces it; the replacements have their own cards, console pages and samples.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allConsoleOperations } from "../src/console/console-operations.mjs";
import { sampleFileName, samplesDirUrl } from "../src/code-samples.mjs";
import { allOperations, operationObject } from "../src/operations.mjs";
import { operationHref, renderPortal } from "../src/portal.mjs";
import { apiDocuments } from "@dbupgrade/specs";

const operations = allOperations();
const deprecated = operations.filter((op) => op.deprecated);
const portal = renderPortal(operations.map((op) => ({ op, typescript: "", curl: "" })));

describe("deprecated operations", () => {
  it("are the three the SDK CHANGELOGs deprecate, each with a current replacement", () => {
    expect(deprecated.map((op) => `${op.api}.${op.operationId}->${op.replacedBy}`).sort()).toEqual([
      "gaussdb.listInstances->listDatabaseInstances",
      "gaussdb.showBatchUpgradeCandidateVersions->batchShowUpgradeCandidateVersions",
      "taurusdb.listGaussMySqlInstances->listGaussMySqlInstancesUnifyStatus",
    ]);
  });

  it.each(deprecated.map((op) => [`${op.api}.${op.operationId}`, op] as const))(
    "%s: the portal card says Deprecated and links the replacement; the API page flags it",
    (_, op) => {
      const card = portal.slice(portal.indexOf(`id="op-${op.api}-${op.operationId}"`));
      const notice = card.slice(0, card.indexOf("</article>"));
      const replacement = operations.find((o) => o.api === op.api && o.operationId === op.replacedBy)!;
      expect(notice).toContain('<p class="deprecated"><strong>Deprecated</strong>');
      expect(notice).toContain(`href="${operationHref(replacement)}"`);
      const operation = operationObject(apiDocuments[op.api], op);
      expect(operation.deprecated).toBe(true); // Redoc renders its "Deprecated" badge from this
      expect(operation.description).toContain(`#/instance-management/${op.replacedBy!.toLowerCase()}`);
    },
  );

  it.each(
    operations
      .filter((op) => deprecated.some((d) => d.replacedBy === op.operationId && d.api === op.api))
      .map((op) => [`${op.api}.${op.operationId}`, op] as const),
  )("replacement %s has a portal card, a console page and a sample, and no deprecation notice", (_, op) => {
    expect(portal).toContain(`id="op-${op.api}-${op.operationId}"`);
    expect(allConsoleOperations().some((c: any) => c.api === op.api && c.operationId === op.operationId)).toBe(true);
    expect(existsSync(new URL(sampleFileName(op), samplesDirUrl))).toBe(true);
    expect(op.deprecated).toBe(false);
  });
});
