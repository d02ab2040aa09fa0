// GeminiDB and DDS: each requested instance gets its own result in a 202 (job id, or error code
// and message), so one batch can mix accepted and rejected instances.
import type { components as DdsComponents } from "@dbupgrade/types/dds";
import type { components as GeminiDbComponents } from "@dbupgrade/types/geminidb";
import { messages, specErrors } from "../errors.js";
import type { GeminiDbEngine } from "../services/geminidb/versions.js";
import type { OperationInput, Outcome } from "./outcome.js";

type RequestBody = GeminiDbComponents["schemas"]["BatchUpgradeDatabaseVersionRequestBody"] &
  DdsComponents["schemas"]["BatchUpgradeDatabaseVersionRequestBody"];
type UpgradeResult = GeminiDbComponents["schemas"]["UpgradeResult"] & DdsComponents["schemas"]["UpgradeResult"];

/** A service with engines (GeminiDB) takes instances of one engine per request: a mixed batch is a 400. */
function mixedEngines(input: OperationInput, ids: readonly string[]): Outcome | undefined {
  const byEngine = new Map<GeminiDbEngine, string[]>();
  for (const id of ids) {
    const engine = input.fleet.get(input.api, id)?.engine;
    if (engine) byEngine.set(engine, [...(byEngine.get(engine) ?? []), id]);
  }
  if (byEngine.size < 2) return undefined;
  const listing = [...byEngine].map(([engine, list]) => `${engine}: ${list.join(", ")}`).join("; ");
  return {
    status: 400,
    body: {
      error_code: specErrors().parameterError.error_code,
      error_msg: messages(input.language).parameterError(
        `body.instance_ids mixes engines (${listing}); send the instances of one engine per request`,
      ),
    },
  };
}

export function upgradeEachInstance(input: OperationInput): Outcome {
  const { instance_ids: ids } = input.body as RequestBody;
  // Only services whose instances have engines (GeminiDB) can mix them.
  const mixed = mixedEngines(input, ids);
  if (mixed) return mixed;
  const text = messages(input.language);
  const notAllowed = specErrors().statusNotAllowed;
  const results: UpgradeResult[] = ids.map((id) => {
    const instance = input.fleet.get(input.api, id);
    if (!instance) {
      return {
        instance_id: id,
        error_code: specErrors().instanceNotFound.error_code,
        error_message: text.instanceNotFound(id),
      };
    }
    if (instance.status !== "available" || input.forceReject?.has(id)) {
      return { instance_id: id, error_code: notAllowed.code, error_message: text.statusNotAllowed };
    }
    const job = input.fleet.startUpgrade(input.api, id);
    return { instance_id: id, job_id: job.id };
  });
  return { status: input.successStatus, body: { upgrade_results: results } };
}
