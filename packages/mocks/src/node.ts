// @dbupgrade/mocks/node: the mocks in a Node test runner (vitest, jest, node:test) with MSW's setupServer.
import { setupServer, type SetupServer } from "msw/node";
import { createMockApi, type MockApi, type MockApiOptions } from "./mock-api.js";

export * from "./index.js";
export { loadRecording } from "./recording-files.js";

export interface MockServerSetup {
  /** MSW's server: call `listen()`, `resetHandlers()`, `close()`, and `use()` for overrides. */
  server: SetupServer;
  /** The handlers, fleet and overrides behind it. */
  mock: MockApi;
}

/** Creates the mock API and an MSW server with its handlers (not listening yet). */
export function setupMockServer(options: MockApiOptions = {}): MockServerSetup {
  const mock = createMockApi(options);
  return { server: setupServer(...mock.handlers), mock };
}
