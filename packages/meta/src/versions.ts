// Kernel and patch versions are dotted numbers with an optional dash part (3.208.0.10, 2.0.48.231200):
// one comparison for every package, so the client's planner and the mock's fleet order versions alike.

/** Compares dotted versions part by part, numerically where both parts are numbers (3.208.0.10 > 3.208.0.9); -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = Number(x);
    const ny = Number(y);
    const d = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
