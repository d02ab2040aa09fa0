// An in-memory stand-in for one API, used as the client's `fetch`: it validates every request body
// against the spec, records which instances each request carried, and answers a spec-valid body.
import { apiMeta, type ApiName } from "@dbupgrade/meta";
import { validator } from "./spec.js";

export type Decision = "submitted" | "rejected";

export interface FakeServiceOptions {
  /** Per-instance answer of GeminiDB/DDS (others submit everything). Default: submitted. */
  decide?: (instanceId: string) => Decision;
  /** Replaces the normal answer for request number n (0-based): throw to fail at the network level. */
  override?: (
    n: number,
    request: Request,
    instanceIds: string[],
  ) => Promise<Response | undefined> | Response | undefined;
}

export interface FakeService {
  fetch: (request: Request) => Promise<Response>;
  /** Instance ids of each request, in arrival order. */
  requests: string[][];
  /** Bodies as sent. */
  bodies: any[];
  /** Spec violations seen in requests or in this fake's own answers (a test asserts it stays empty). */
  invalid: string[];
}

export function instanceIdsOf(api: ApiName, body: any): string[] {
  return api === "taurusdb" ? body.databases_instance_infos.map((i: any) => i.instance_id) : body.instance_ids;
}

export function successBody(
  api: ApiName,
  instanceIds: readonly string[],
  decide: (id: string) => Decision = () => "submitted",
): unknown {
  switch (api) {
    case "geminidb":
    case "dds":
      return {
        upgrade_results: instanceIds.map((id) =>
          decide(id) === "submitted"
            ? { instance_id: id, job_id: `job-${id}` }
            : {
                instance_id: id,
                error_code: "DBS.200011",
                error_message: "The status of DB instance does not allow the operation.",
              },
        ),
      };
    case "taurusdb":
      return { resp: "success" };
    case "gaussdb":
      return {
        instance_tasks: instanceIds.map((id) => ({
          instance_id: id,
          task_id: `task-${id}`,
          task_name: "HOTFIX_VERSION_UPGRADE",
        })),
      };
  }
}

export function fakeService(api: ApiName, options: FakeServiceOptions = {}): FakeService {
  const operation = Object.values(apiMeta[api].operations)[0]!;
  const requests: string[][] = [];
  const bodies: any[] = [];
  const invalid: string[] = [];
  return {
    requests,
    bodies,
    invalid,
    fetch: async (request) => {
      const body = JSON.parse(await request.text());
      const check = validator.validateRequestBody(api, operation.operationId, body);
      if (!check.valid) invalid.push(...check.issues.map((i) => `request ${i.location} ${i.message}`));
      const ids = instanceIdsOf(api, body);
      const n = requests.length;
      requests.push(ids);
      bodies.push(body);
      const replaced = await options.override?.(n, request, ids);
      if (replaced !== undefined) return replaced;
      const answer = successBody(api, ids, options.decide);
      const answerCheck = validator.validateResponse(api, operation.operationId, operation.successStatus, answer);
      if (!answerCheck.valid) invalid.push(...answerCheck.issues.map((i) => `response ${i.location} ${i.message}`));
      return Response.json(answer, { status: operation.successStatus, headers: { "X-Request-Id": `req-${n}` } });
    },
  };
}
