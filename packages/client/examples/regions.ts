import { createDbUpgradeClients, createGaussDbClient } from "@dbupgrade/client";

// Endpoints come from the specs' region tables, irregular hosts included.
const clients = createDbUpgradeClients({
  region: "ap-southeast-1",
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: { token: "a-real-iam-token" },
  language: "en-us",
});
export const endpoints = Object.fromEntries(Object.entries(clients).map(([api, client]) => [api, client.baseUrl]));
console.log(endpoints);

// An unknown region fails at creation, listing the valid ones.
export const unknownRegion = (() => {
  try {
    createGaussDbClient({ region: "eu-west-101", projectId: "619d3e78f61b4be68bc5aa0b59edcf7b", auth: { token: "t" } });
    return "created";
  } catch (e) {
    return (e as Error).message;
  }
})();
console.log(unknownRegion);
