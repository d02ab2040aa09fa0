import { createSpecValidator } from "@dbupgrade/specs/validation";
import { expect, it } from "vitest";
import { upgradeOnTheStandaloneServer } from "../examples/standalone-server.js";

it("the README's standalone-server example answers with a token and with AK/SK", async () => {
  const { taurusdb, gaussdb } = await upgradeOnTheStandaloneServer();
  expect(taurusdb).toEqual({ status: 200, body: { resp: "success" } });
  expect(gaussdb.status).toBe(200);
  // The example instance's first task gets the task id of the spec's example.
  expect(gaussdb.body).toEqual({
    instance_tasks: [
      {
        instance_id: "cc0ae5c47bf94834bf9e44138f7f995ain14",
        task_id: "07c5880a-cbf0-44ad-91c1-5803a10f11a1",
        task_name: "HOTFIX_VERSION_UPGRADE",
      },
    ],
  });
  expect(
    createSpecValidator({ documentedFieldsOnly: true }).validateResponse(
      "gaussdb",
      "createScheduleTask",
      200,
      gaussdb.body,
    ).valid,
  ).toBe(true);
});
