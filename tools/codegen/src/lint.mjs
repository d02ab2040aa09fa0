#!/usr/bin/env node
// @ts-check
// Lints every API in redocly.yaml and fails on any problem, warnings included: `redocly lint`
// exits 0 on warnings, and the specs are held to zero of both.
import { formatProblems, getTotals, lint } from "@redocly/openapi-core";
import { loadApis } from "./generate.mjs";

let total = 0;
for (const api of await loadApis()) {
  const problems = await lint({ ref: api.root, config: api.config });
  total += problems.length;
  if (problems.length) formatProblems(problems, { format: "codeframe", totals: getTotals(problems), version: "" });
  console.log(
    `${api.name}: ${problems.filter((p) => p.severity === "error").length} errors, ${problems.filter((p) => p.severity === "warn").length} warnings`,
  );
}
process.exit(total ? 1 : 0);
