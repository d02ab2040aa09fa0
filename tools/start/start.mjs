#!/usr/bin/env node
// @ts-check
// `pnpm start` (after `turbo run build`): serves the docs portal and the standalone mock server,
// prints both URLs and stops both on Ctrl-C / SIGTERM.
//   node tools/start/start.mjs [--docs-port 4000] [--mock-port 4010] [--host 127.0.0.1]
// Ports also come from DOCS_PORT and MOCK_PORT; 0 picks a free port.
import { parseArgs } from "node:util";
import { startLocalStack } from "../../packages/docs/src/local-stack.mjs";
import { mockOrigin } from "../../packages/docs/src/local-mock.mjs";

const { values } = parseArgs({
  options: {
    "docs-port": { type: "string", default: process.env.DOCS_PORT || "4000" },
    "mock-port": { type: "string", default: process.env.MOCK_PORT || "4010" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

/** @param {string} name @param {string | undefined} value */
function port(name, value) {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? "") || n > 65535) {
    console.error(`--${name} must be a port number (0-65535), got "${value}"`);
    process.exit(2);
  }
  return n;
}

const docsPort = port("docs-port", values["docs-port"]);
const mockPort = port("mock-port", values["mock-port"]);

/** @type {Awaited<ReturnType<typeof startLocalStack>>} */
let stack;
try {
  stack = await startLocalStack({ docsPort, mockPort, host: values.host, log: (line) => console.log(`mock: ${line}`) });
} catch (error) {
  const err = /** @type {NodeJS.ErrnoException & { port?: number }} */ (error);
  if (err.code === "EADDRINUSE") {
    console.error(
      `${err.message}: a port is taken. Choose others with --docs-port/--mock-port (or DOCS_PORT/MOCK_PORT).`,
    );
  } else {
    console.error(err.message ?? err);
  }
  process.exit(1);
}

console.log(`Docs portal:  ${stack.docsUrl}`);
console.log(`Mock server:  ${stack.mockUrl}`);
if (new URL(stack.mockUrl).origin !== mockOrigin) {
  console.log(
    `(The samples in the docs send requests to ${mockOrigin}; change the port in them to ${new URL(stack.mockUrl).origin}.)`,
  );
}
console.log('Copy-paste requests for the mock: the portal\'s "Try it against the local mock" section.');
const mockIsDefault = new URL(stack.mockUrl).origin === mockOrigin;
console.log(
  `Send them from the browser: ${stack.docsUrl}console/index.html${mockIsDefault ? "" : `?mock=${encodeURIComponent(new URL(stack.mockUrl).origin)}`}`,
);
console.log("Press Ctrl-C to stop.");

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the docs and mock servers`);
  // Open keep-alive connections could hold close() up: give up after a few seconds.
  setTimeout(() => {
    console.error("servers did not stop within 5 s");
    process.exit(1);
  }, 5000).unref();
  await stack.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
