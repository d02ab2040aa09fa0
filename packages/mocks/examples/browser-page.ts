// A page that mocks GeminiDB in the browser with MSW's setupWorker. Serve mockServiceWorker.js
// from the page's origin first: `npx msw init <public dir> --no-save`.
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { setupMockWorker } from "@dbupgrade/mocks/browser";

const { worker, mock } = setupMockWorker({ seed: 1 });
await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true });

const ids = mock.fleet
  .instances("geminidb", { engine: "Redis" })
  .slice(0, 3)
  .map((i) => i.id);
const response = await fetch(
  "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances/db-upgrade",
  {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": defaultMockCredentials.token },
    body: JSON.stringify({ instance_ids: ids }),
  },
);
const result = {
  status: response.status,
  requestId: response.headers.get("X-Request-Id"),
  body: await response.json(),
};
document.body.dataset.result = JSON.stringify(result);
