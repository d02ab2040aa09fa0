// A CI step after `dbupgrade apply --wait --report run.json`: list what needs a person, and fail the
// pipeline when anything does. Reads the report with the same code as `dbupgrade report`.
import { instanceState, readReport, summarize } from "@dbupgrade/cli/report";

const path = process.env.DBUPGRADE_REPORT ?? "run.json";
const report = readReport(path); // throws ReportFileError (one line) for a missing or damaged file
const summary = summarize(report);

export const needsAttention = report.instances
  .filter((instance) =>
    ["rejected", "failed", "unknown", "job failed", "cancelled", "lost"].includes(instanceState(instance)),
  )
  .map((instance) =>
    `${instance.instanceId}: ${instanceState(instance)} ${instance.submission?.errorMessage ?? instance.job?.detail ?? ""}`.trim(),
  );

console.log(`${report.service}: ${summary.states.completed} of ${summary.instances} completed`);
for (const line of needsAttention) console.log(line);
if (summary.uncertain.length > 0) console.log(`check before resending: ${summary.uncertain.join(", ")}`);
process.exitCode = summary.problems > 0 ? 1 : 0;
