// @ts-check
// The standalone mock server for the follow benchmark, in its own process (so its work does not share
// the client's event loop). Real time; args: --instances N --job-duration MS. Prints its URL.
import { startMockServer } from "@dbupgrade/mocks/server";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const server = await startMockServer({
  port: 0,
  instancesPerApi: arg("--instances", 1000),
  jobDurationMs: arg("--job-duration", 20_000),
  visibilityDelayMs: 3_000,
});
process.stdout.write(`${server.url}\n`);
process.on("disconnect", () => server.close().then(() => process.exit(0)));
