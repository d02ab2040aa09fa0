// @ts-check
// The standalone mock server for the rollout benchmark, in its own process (its work does not share
// the client's event loop). Real time, jobs visible at once; args: --instances N --job-duration MS.
import { startMockServer } from "@dbupgrade/mocks/server";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const server = await startMockServer({
  port: 0,
  instancesPerApi: arg("--instances", 1000),
  jobDurationMs: arg("--job-duration", 1_000),
  visibilityDelayMs: 0,
});
process.stdout.write(`${server.url}\n`);
process.on("disconnect", () => server.close().then(() => process.exit(0)));
