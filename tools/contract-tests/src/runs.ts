// How many generated cases to run: 1,000 per property in CI, CONTRACT_RUNS for the nightly size
// (`pnpm --filter @dbupgrade/contract-tests nightly` sets 10,000). The seed is fixed (CONTRACT_SEED
// overrides it) and fast-check prints it with the failing case.
import type fc from "fast-check";

export const contractSeed = Number(process.env.CONTRACT_SEED ?? 20261123);
export const contractRuns = Number(process.env.CONTRACT_RUNS ?? 1000);

export function fcParams<T>(overrides: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { seed: contractSeed, numRuns: contractRuns, endOnFailure: true, ...overrides };
}
