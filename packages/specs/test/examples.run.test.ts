import { expect, it } from "vitest";
import { accepted, endpoint, maxPerRequest, reason } from "../examples/validate-a-body.js";

it("the README example validates a body and reads the metadata", () => {
  expect(accepted).toBe(false);
  expect(reason).toBe("body.instance_ids must NOT have more than 10 items");
  expect(maxPerRequest).toBe(10);
  expect(endpoint).toBe("https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com");
});
