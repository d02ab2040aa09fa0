// The default transport in browsers and every runtime without the `node` condition (package.json
// `imports`, `#default-transport`): the global fetch, looked up on every call, so MSW and other patches
// apply whenever they are installed.
import type { DefaultTransport } from "./lite.js";

export const defaultTransport: DefaultTransport = {
  name: "fetch",
  fetch: (request) => globalThis.fetch(request),
  lite: undefined,
};
