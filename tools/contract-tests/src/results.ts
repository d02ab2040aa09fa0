// Each check records how many cases it ran and how many failed, per API, operation and status, so
// `pnpm contract` can print coverage at a glance. Records go to .results/ (git-ignored), one JSON
// line per check; the tests still fail through vitest as usual.
import { appendFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

export const resultsDir = fileURLToPath(new URL("../.results/", import.meta.url));

export interface CheckRecord {
  api: string;
  operationId: string;
  /** A status code, `default`, or `-` when the check is not about one status. */
  status: string;
  check: string;
  cases: number;
  failures: number;
}

export function record(entry: CheckRecord): void {
  mkdirSync(resultsDir, { recursive: true });
  appendFileSync(`${resultsDir}/results.jsonl`, `${JSON.stringify(entry)}\n`);
}

type Where = Omit<CheckRecord, "cases" | "failures">;

/** Runs one example-style check (any number of assertions), recording one case. */
export async function checkCase<T>(where: Where, run: () => T | Promise<T>): Promise<T> {
  try {
    const result = await run();
    record({ ...where, cases: 1, failures: 0 });
    return result;
  } catch (error) {
    record({ ...where, cases: 1, failures: 1 });
    throw error;
  }
}

/** Runs a fast-check property, records its runs, and fails with fast-check's report (seed and counterexample). */
export async function checkProperty<Ts>(
  where: Where,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  params: fc.Parameters<Ts>,
): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, params);
  record({ ...where, cases: details.numRuns, failures: details.failed ? 1 : 0 });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `${where.check} (${where.api}.${where.operationId}):\n${fc.defaultReportMessage(details)}\nFailure: ${cause}`,
    );
  }
}
