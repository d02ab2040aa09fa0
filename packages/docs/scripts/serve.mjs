#!/usr/bin/env node
// @ts-check
// Serves the built site: node scripts/serve.mjs [--port 4000] [--host 127.0.0.1] [--root site]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/static-server.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.DOCS_PORT ?? "4000" },
    host: { type: "string", default: "127.0.0.1" },
    root: { type: "string" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
const root = values.root ?? fileURLToPath(new URL("../site", import.meta.url));
const server = await startStaticServer({ root, port, host: values.host });
console.log(`docs: ${server.url}`);
const stop = () => server.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
