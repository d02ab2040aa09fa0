import { createSpecValidator } from "@dbupgrade/specs/validation";
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";
import {
  allOperations,
  firstRequestExample,
  invalidInputs,
  jsonRequest,
  mustSend,
  operationUrl,
  tokenHeaders,
} from "./support.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });

describe.each(allOperations.map((op) => [`${op.api}.${op.operationId}`, op] as const))(
  "%s refuses invalid input with the documented 400",
  (_, op) => {
    const mock = createMockApi({ seed: 1 });

    it.each(invalidInputs(op).map((k) => [k.kind, k] as const))("%s", async (_, input) => {
      const jobsBefore = mock.fleet.jobs().length;
      const answer = await mustSend(mock.handlers, input.request());
      expect(answer.status).toBe(400);
      expect(answer.body.error_code).toBe("DBS.200001");
      expect(answer.body.error_msg).toMatch(/^Parameter error: /);
      expect(answer.body.error_msg).toMatch(input.names);
      expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
      expect(validator.validateResponse(op.api, op.operationId, 400, answer.body, answer.headers).issues).toEqual([]);
      expect(mock.fleet.jobs().length).toBe(jobsBefore);
    });

    it("names every problem of a request at once", async () => {
      const request = new Request(operationUrl(op, { projectId: "x" }), {
        method: op.method,
        headers: { ...tokenHeaders, "Content-Type": "text/plain" },
        body: "{",
      });
      const { body } = await mustSend(mock.handlers, request);
      expect(body.error_msg).toMatch(
        /path\.project_id must match pattern.*header\.Content-Type must be.*body is not valid JSON/,
      );
    });

    if (op.language) {
      it("answers in the X-Language the request asks for", async () => {
        const { body } = await mustSend(
          mock.handlers,
          jsonRequest(op, {}, { headers: { [op.language!.name]: "zh-cn" } }),
        );
        expect(body.error_msg).toMatch(/^参数错误: body\./);
      });
    }

    it("accepts the documented content type, and plain application/json", async () => {
      for (const contentType of [op.requestContentType, "application/json"]) {
        const fresh = createMockApi({ seed: 1 });
        const answer = await mustSend(
          fresh.handlers,
          jsonRequest(op, firstRequestExample(op), { headers: { "Content-Type": contentType } }),
        );
        expect(answer.status).toBe(op.successStatus);
      }
    });
  },
);
