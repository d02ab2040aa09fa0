// The standalone server in a script: all four APIs on 127.0.0.1, called with a token and with an
// AK/SK signature. (`npx dbupgrade-mock --port 4010` runs the same server from a shell.)
import { signRequest } from "@dbupgrade/aksk";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { startMockServer } from "@dbupgrade/mocks/server";

export async function upgradeOnTheStandaloneServer() {
  const server = await startMockServer({ port: 0, seed: 1 }); // port 0: any free port
  try {
    const projectId = "619d3e78f61b4be68bc5aa0b59edcf7b";
    const taurus = await fetch(`${server.baseUrlOf("taurusdb")}/v3/${projectId}/instances/database-version/upgrade`, {
      method: "POST",
      headers: { "Content-Type": "application/json;charset=UTF-8", "X-Auth-Token": defaultMockCredentials.token },
      body: JSON.stringify({
        databases_instance_infos: [
          { instance_id: "6754902da1f447269c6979b0590102a5in07", current_version: "2.0.48.231200" },
        ],
        delay: false,
      }),
    });

    const url = `${server.baseUrlOf("gaussdb")}/v3/${projectId}/instances/db-upgrade/schedule-task`;
    const body = JSON.stringify({
      instance_ids: ["cc0ae5c47bf94834bf9e44138f7f995ain14"],
      start_time: "2026-06-06T01:47:20+0800",
      upgrade_type: "hotfix",
      upgrade_action: "upgradeAutoCommit",
      target_version: "3.208.0.6,3.208.0.7",
    });
    const headers = { "Content-Type": "application/json;charset=UTF-8" };
    const signature = await signRequest({ method: "POST", url, headers, body }, defaultMockCredentials, { projectId });
    const gauss = await fetch(url, { method: "POST", headers: { ...headers, ...signature }, body });

    return {
      taurusdb: { status: taurus.status, body: await taurus.json() },
      gaussdb: { status: gauss.status, body: await gauss.json() },
    };
  } finally {
    await server.close();
  }
}
