import { createTaurusDbClient } from "@dbupgrade/client";

const mock = process.env.DBUPGRADE_MOCK_URL ?? "http://127.0.0.1:4010";

// Every request is signed with SDK-HMAC-SHA256 (node:crypto in Node, WebCrypto in browsers): X-Sdk-Date, X-Project-Id and the exact body
// bytes are covered. Add `securityToken` for temporary credentials.
const taurusdb = createTaurusDbClient({
  baseUrl: `${mock}/taurusdb`,
  projectId: "619d3e78f61b4be68bc5aa0b59edcf7b",
  auth: {
    accessKey: process.env.DBUPGRADE_MOCK_AK ?? "DBUPGRADELOCALAK0000",
    secretKey: process.env.DBUPGRADE_MOCK_SK ?? "dbupgrade-local-secret-key",
  },
  language: "en-us",
});

export const answer = await taurusdb.batchUpgradeDatabasesOrThrow({
  databases_instance_infos: [{ instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" }],
  delay: false,
});
console.log(answer.resp);
