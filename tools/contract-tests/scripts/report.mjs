#!/usr/bin/env node
// @ts-check
// `pnpm contract`: runs the contract tests, then prints one table per API (operation x status x
// check) with the cases run and failures, so a reviewer sees coverage at a glance. Exit code is the
// test run's. `pnpm --filter @dbupgrade/contract-tests nightly` runs the same at nightly size.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
const results = `${here}.results/results.jsonl`;
rmSync(`${here}.results`, { recursive: true, force: true });

const started = Date.now();
const run = spawnSync("npx", ["vitest", "run"], {
  cwd: here,
  stdio: ["ignore", "inherit", "inherit"],
  env: process.env,
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const records = existsSync(results)
  ? readFileSync(results, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];

const rows = new Map();
for (const r of records) {
  const key = JSON.stringify([r.api, r.operationId, r.status, r.check]);
  const row = rows.get(key) ?? { ...r, cases: 0, failures: 0 };
  row.cases += r.cases;
  row.failures += r.failures;
  rows.set(key, row);
}

/** @param {unknown} s @param {number} n */
const pad = (s, n) => String(s).padEnd(n);
/** @param {unknown} s @param {number} n */
const padStart = (s, n) => String(s).padStart(n);
let totalCases = 0;
let totalFailures = 0;
for (const api of [...new Set([...rows.values()].map((r) => r.api))]) {
  const list = [...rows.values()]
    .filter((r) => r.api === api)
    .sort((a, b) => `${a.operationId}${a.status}${a.check}`.localeCompare(`${b.operationId}${b.status}${b.check}`));
  const w = {
    op: Math.max(9, ...list.map((r) => r.operationId.length)),
    status: 8,
    check: Math.max(5, ...list.map((r) => r.check.length)),
  };
  console.log(`\n${api}`);
  console.log(
    `  ${pad("operation", w.op)}  ${pad("status", w.status)}  ${pad("check", w.check)}  ${padStart("cases", 7)}  ${padStart("failed", 6)}`,
  );
  for (const r of list) {
    console.log(
      `  ${pad(r.operationId, w.op)}  ${pad(r.status, w.status)}  ${pad(r.check, w.check)}  ${padStart(r.cases, 7)}  ${padStart(r.failures, 6)}`,
    );
    totalCases += r.cases;
    totalFailures += r.failures;
  }
}
console.log(
  `\n${totalCases} contract cases run, ${totalFailures} failed, in ${seconds} s (seed ${process.env.CONTRACT_SEED ?? 20261123}, ${process.env.CONTRACT_RUNS ?? 1000} generated runs per property)`,
);
process.exit(run.status ?? 1);
