// @ts-check
// Start-up time of `dbupgrade --help` as a whole process, against `node -e 0` in the same run (the
// floor: Node itself) and against a bare commander script (what a hand-written tool would pay).
// Rounds interleave the variants so machine load hits them alike; medians and the spread are written
// to bench/RESULTS.md. Goal: dbupgrade --help within 150 ms of `node -e 0`.
// Run after the build: `pnpm --filter @dbupgrade/cli bench` (or `pnpm bench` at the root).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bin = here("../dist/bundle/dbupgrade.js");
if (!existsSync(bin)) {
  console.error("build first: pnpm --filter @dbupgrade/cli build");
  process.exit(2);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const goalMs = 150;

const variants = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "bare commander script --help", args: [here("./bare-commander.mjs"), "--help"] },
  { name: "dbupgrade --help", args: [bin, "--help"] },
  { name: "dbupgrade apply --help", args: [bin, "apply", "--help"] },
  { name: "dbupgrade --version", args: [bin, "--version"] },
];

// GNU time reports the child's CPU time (user + system), which a loaded machine disturbs far less
// than wall time; both are recorded. Without /usr/bin/time only wall time is measured.
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const cpuFile = join(mkdtempSync(join(tmpdir(), "dbupgrade-bench-")), "cpu");

function once(args) {
  const [command, fullArgs] = gnuTime
    ? [gnuTime, ["-f", "%U %S", "-o", cpuFile, process.execPath, ...args]]
    : [process.execPath, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, fullArgs, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  const cpu = gnuTime
    ? readFileSync(cpuFile, "utf8")
        .trim()
        .split(/\s+/)
        .slice(-2)
        .reduce((sum, s) => sum + Number(s) * 1000, 0)
    : NaN;
  return { wall, cpu };
}

/** @type {Map<string, number[]>} */
const samples = new Map(variants.map((v) => [v.name, []]));
/** @type {Map<string, number[]>} */
const cpuSamples = new Map(variants.map((v) => [v.name, []]));
for (const v of variants) once(v.args); // warm the file cache
for (let round = 0; round < rounds; round++) {
  for (const v of variants) {
    const { wall, cpu } = once(v.args);
    samples.get(v.name)?.push(wall);
    cpuSamples.get(v.name)?.push(cpu);
  }
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const floor = quantile(samples.get("node -e 0"), 0.5);
const cpuFloor = quantile(cpuSamples.get("node -e 0"), 0.5);
const rows = variants.map((v) => {
  const values = samples.get(v.name);
  const median = quantile(values, 0.5);
  const cpu = quantile(cpuSamples.get(v.name), 0.5);
  return {
    name: v.name,
    median,
    p10: quantile(values, 0.1),
    p90: quantile(values, 0.9),
    over: median - floor,
    ratio: median / floor,
    cpu,
    cpuOver: cpu - cpuFloor,
  };
});
const help = rows.find((r) => r.name === "dbupgrade --help");
if (!help) throw new Error("no dbupgrade --help row");
const judge = (over, what) =>
  `${over <= goalMs ? "met" : "MISSED"}: ${over.toFixed(0)} ms ${what} over node -e 0 (goal ≤ ${goalMs} ms)`;
const verdict = `${judge(help.over, "wall time")}; ${gnuTime ? judge(help.cpuOver, "CPU time") : "CPU time not measured"}`;

const fmt = (n) => n.toFixed(1);
const table = [
  "| command | wall median ms | p10 | p90 | wall over `node -e 0` | ratio | CPU median ms | CPU over `node -e 0` |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| \`${r.name}\` | ${fmt(r.median)} | ${fmt(r.p10)} | ${fmt(r.p90)} | ${r.name === "node -e 0" ? "—" : `+${fmt(r.over)}`} | ${r.ratio.toFixed(2)}× | ${fmt(r.cpu)} | ${r.name === "node -e 0" ? "—" : `+${fmt(r.cpuOver)}`} |`,
  ),
].join("\n");
const results = `# @dbupgrade/cli start-up benchmark

\`pnpm --filter @dbupgrade/cli bench\` (\`bench/startup.mjs\`): each command run as a whole process, ${rounds} interleaved rounds
after one warm-up: wall time from spawn to exit, and the child's CPU time (user + system, from GNU
time), stdout/stderr piped, NO_COLOR=1. On a loaded machine wall time grows with the load (every
process waits for a core); CPU time is what the process itself costs.

Run on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ")} (a shared machine: read the ratios and the differences, not the absolute times).

${table}

Goal: \`dbupgrade --help\` ≤ 150 ms over \`node -e 0\`: **${verdict}**.

How: the bin is bundled with esbuild (\`scripts/bundle.mjs\`): the entry holds commander and the help
texts; each command's code (and @dbupgrade/client, the prompt, progress and table libraries) loads only
when that command runs.
`;
writeFileSync(here("./RESULTS.md"), results);
console.log(table);
console.log(verdict);
