/// <reference types="node" />
// The default transport under the `node` condition (package.json `imports`, `#default-transport`):
// node:http with keep-alive. Node 20's global fetch (undici) costs several times more CPU per small
// request (bench/profile.mjs), and the official SDK (axios) sends over node:http too. The agents are
// shared by every client of the process and made on first use; idle sockets do not keep Node alive.
// Opt out with the client's `fetch` option (e.g. `fetch: (request) => fetch(request)`).
import { nodeHttpFetchOver } from "../node-http-fetch.js";
import { LiteRequest, type DefaultTransport } from "./lite.js";
import { createKeepAliveAgents, type NodeHttpAgents } from "./node-http-core.js";
import { createNodeHttpSend } from "./node-http-send.js";

let agents: NodeHttpAgents | undefined;
const sharedAgents = () => {
  agents ??= createKeepAliveAgents();
  return agents;
};

export const defaultTransport: DefaultTransport = {
  name: "node-http",
  fetch: nodeHttpFetchOver(sharedAgents),
  lite: { Request: LiteRequest, send: createNodeHttpSend(sharedAgents) },
};
