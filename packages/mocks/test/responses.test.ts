// Every response the mocks can produce, per operation: the simulation's answers, each invalid
// input, each authentication failure, each preset and each named example, all checked against the
// spec's response schema for their status, headers included.
import { createSpecValidator } from "@dbupgrade/specs/validation";
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src/mock-api.js";
import { responseExamples } from "../src/spec-examples.js";
import {
  allOperations,
  firstRequestExample,
  invalidInputs,
  jsonRequest,
  mustSend,
  send,
  signedRequest,
  type Answer,
  type OperationInfo,
} from "./support.js";

const validator = createSpecValidator({ documentedFieldsOnly: true });

type Case = [label: string, produce: () => Promise<Answer>];

function idsRequest(op: OperationInfo, ids: { id: string; version: string }[]): unknown {
  const example = firstRequestExample(op) as Record<string, unknown>;
  if (op.api === "taurusdb")
    return {
      ...example,
      databases_instance_infos: ids.map((i) => ({ instance_id: i.id, current_version: i.version })),
    };
  return { ...example, instance_ids: ids.map((i) => i.id) };
}

function casesFor(op: OperationInfo): Case[] {
  const example = firstRequestExample(op);
  const fresh = () => createMockApi({ seed: 3 });
  const simulated = (
    label: string,
    pick: (mock: ReturnType<typeof fresh>) => unknown,
    headers: Record<string, string> = {},
  ): Case => [
    label,
    async () => {
      const mock = fresh();
      return mustSend(mock.handlers, jsonRequest(op, pick(mock), { headers }));
    },
  ];
  const unknownId = { id: `${"e".repeat(32)}in00`, version: "1.0" };
  const cases: Case[] = [
    simulated("success (the request example)", () => example),
    simulated("unknown instance", () => idsRequest(op, [unknownId])),
    simulated("frozen instance", (m) => idsRequest(op, m.fleet.instances(op.api, { status: "frozen" }).slice(0, 1))),
    simulated("upgrading instance", (m) =>
      idsRequest(op, m.fleet.instances(op.api, { status: "upgrading" }).slice(0, 1)),
    ),
    simulated("mixed batch", (m) =>
      idsRequest(op, [
        ...m.fleet
          .instances(op.api, { status: "available", ...(op.api === "geminidb" ? { engine: "Redis" as const } : {}) })
          .slice(0, 2),
        m.fleet.instances(op.api, { status: "abnormal" })[0]!,
        unknownId,
      ]),
    ),
    ...invalidInputs(op).map((k): Case => [`invalid: ${k.kind}`, async () => mustSend(fresh().handlers, k.request())]),
    simulated("no credentials", () => example, { "X-Auth-Token": "" }),
    simulated("wrong token", () => example, { "X-Auth-Token": "nope" }),
    ["bad signature", async () => mustSend(fresh().handlers, await signedRequest(op, example, { secretKey: "wrong" }))],
    [
      "stale X-Sdk-Date",
      async () =>
        mustSend(fresh().handlers, await signedRequest(op, example, { date: new Date(Date.now() - 3_600_000) })),
    ],
    [
      "unknown access key",
      async () => mustSend(fresh().handlers, await signedRequest(op, example, { accessKey: "NOPE" })),
    ],
    ["good signature", async () => mustSend(fresh().handlers, await signedRequest(op, example))],
    [
      "internal error",
      async () => {
        let broken = false;
        const errors: unknown[] = [];
        const clock = () => {
          if (broken) throw new Error("clock failure");
          return Date.now();
        };
        const mock = createMockApi({ clock, onInternalError: (error) => errors.push(error) });
        broken = true;
        const answer = await mustSend(mock.handlers, jsonRequest(op, example));
        expect(errors).toHaveLength(1);
        return answer;
      },
    ],
    [
      "preset partialFailure",
      async () => {
        const m = fresh();
        return mustSend([...m.partialFailure(), ...m.handlers], jsonRequest(op, example));
      },
    ],
    [
      "preset serverError",
      async () => {
        const m = fresh();
        return mustSend([...m.serverError(), ...m.handlers], jsonRequest(op, example));
      },
    ],
    [
      "preset latency",
      async () => {
        const m = fresh();
        return mustSend([...m.latency(0), ...m.handlers], jsonRequest(op, example));
      },
    ],
    ...responseExamples(op.api, op.operationId).map(
      (e): Case => [
        `example ${e.name}`,
        async () => {
          const m = fresh();
          return mustSend(
            [m.example(op.api, op.operationId as never, e.name), ...m.handlers],
            jsonRequest(op, example),
          );
        },
      ],
    ),
  ];
  if (op.language) {
    for (const language of op.language.values) {
      cases.push(
        simulated(`unknown instance, ${language}`, () => idsRequest(op, [unknownId]), { [op.language.name]: language }),
      );
      cases.push(simulated(`invalid body, ${language}`, () => ({}), { [op.language.name]: language }));
    }
  }
  return cases;
}

describe.each(allOperations.map((op) => [`${op.api}.${op.operationId}`, op] as const))("%s", (_, op) => {
  const produced = new Set<number>();

  it.each(casesFor(op))("%s: the answer is documented", async (_, produce) => {
    const answer = await produce();
    produced.add(answer.status);
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    const result = validator.validateResponse(op.api, op.operationId, answer.status, answer.body, answer.headers);
    expect(result.issues, JSON.stringify(answer.body)).toEqual([]);
  });

  it("the network-error preset answers with no response at all", async () => {
    const mock = createMockApi();
    const answer = await send([...mock.networkError(), ...mock.handlers], jsonRequest(op, firstRequestExample(op)));
    expect(answer?.response.type).toBe("error");
  });

  it("every documented status is among the answers", () => {
    expect([...produced].sort()).toEqual([...op.statuses].sort());
  });
});
