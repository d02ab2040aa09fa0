// TaurusDB: the whole batch is accepted (200 {"resp":"success"}, no job id) or refused with a 400
// naming every instance that is missing, busy, or not at the `current_version` the caller sent.
import type { components } from "@dbupgrade/types/taurusdb";
import { messages, specErrors } from "../../errors.js";
import { serviceProfiles } from "../profiles.js";
import { firstResponseExampleOf } from "../../spec-examples.js";
import { batchError, type OperationInput, type Outcome } from "../../operations/outcome.js";

type RequestBody = components["schemas"]["BatchUpgradeDatabasesRequestBody"];

export function upgradeTaurusDbBatch(input: OperationInput): Outcome {
  const { databases_instance_infos: infos, delay } = input.body as RequestBody;
  const text = messages(input.language);
  const problems: { code: string; message: string }[] = [];
  const seen = new Set<string>();
  infos.forEach((info, i) => {
    const where = `body.databases_instance_infos[${i}]`;
    const instance = input.fleet.get(input.api, info.instance_id);
    if (seen.has(info.instance_id)) {
      problems.push({
        code: specErrors().parameterError.error_code,
        message: text.parameterError(`${where}.instance_id repeats ${info.instance_id}`),
      });
    } else if (!instance) {
      problems.push({
        code: serviceProfiles[input.api].notFoundCode(),
        message: text.instanceNotFound(info.instance_id),
      });
    } else if (instance.status !== "available" || input.forceReject?.has(info.instance_id)) {
      problems.push({
        code: specErrors().statusNotAllowed.code,
        message: `${text.statusNotAllowed} (${info.instance_id}: ${instance.status})`,
      });
    } else if (instance.version !== info.current_version) {
      problems.push({
        code: specErrors().parameterError.error_code,
        message: text.parameterError(
          `${where}.current_version is ${info.current_version} but ${info.instance_id} runs ${instance.version}`,
        ),
      });
    }
    seen.add(info.instance_id);
  });
  if (problems.length > 0) return batchError(problems);

  const deferred = delay === true || delay === "true";
  // Relative to each submission's own clock reading: an absolute time read here could be 1 ms stale.
  const startsAfterMs = deferred ? input.fleet.maintenanceDelayMs : 0;
  const kind = deferred ? "scheduled" : "immediate";
  for (const info of infos) input.fleet.startUpgrade(input.api, info.instance_id, { startsAfterMs, kind });
  return {
    status: input.successStatus,
    body: firstResponseExampleOf(input.api, "batchUpgradeDatabases", input.successStatus).value,
  };
}
