// @dbupgrade/mocks/browser: the mocks in a browser page with MSW's setupWorker. The page's origin
// must serve MSW's worker script: `npx msw init <public dir> --no-save` copies mockServiceWorker.js.
import { setupWorker, type SetupWorker } from "msw/browser";
import { createMockApi, type MockApi, type MockApiOptions } from "./mock-api.js";

export * from "./index.js";

export interface MockWorkerSetup {
  /** MSW's worker: `await worker.start()`, then `use()` / `resetHandlers()` / `stop()`. */
  worker: SetupWorker;
  mock: MockApi;
}

/** Creates the mock API and an MSW worker with its handlers (not started yet). */
export function setupMockWorker(options: MockApiOptions = {}): MockWorkerSetup {
  const mock = createMockApi(options);
  return { worker: setupWorker(...mock.handlers), mock };
}
