// openGauss: hot-patch tasks scheduled at `start_time`, one task per instance. The response has
// no per-instance error fields, so a batch with any missing or busy instance is refused whole.
import type { components } from "@dbupgrade/types/gaussdb";
import { messages, specErrors } from "../../errors.js";
import { parseStartTime } from "../../operations/query.js";
import { serviceProfiles } from "../profiles.js";
import { apiDocuments } from "@dbupgrade/specs";
import { firstResponseExampleOf } from "../../spec-examples.js";
import { batchError, type OperationInput, type Outcome } from "../../operations/outcome.js";

type RequestBody = components["schemas"]["CreateScheduleTaskRequestBody"];
type InstanceTask = components["schemas"]["InstanceTaskDetail"];

let documentedForm: RegExp | undefined;

/**
 * The `start_time` form the page's example shows (`x-dbupgrade-documented-form` in the spec). The
 * spec leaves other forms unverified rather than invalid; the mock cannot know how the service reads
 * them, so it answers them with a 400 that says so.
 */
function startTimeForm(): RegExp {
  if (documentedForm === undefined) {
    const schemas = (apiDocuments.gaussdb as { components?: { schemas?: Record<string, any> } }).components?.schemas;
    const pattern = schemas?.CreateScheduleTaskRequestBody?.properties?.start_time?.["x-dbupgrade-documented-form"];
    if (typeof pattern !== "string") throw new Error("the openGauss spec records no documented start_time form");
    documentedForm = new RegExp(pattern);
  }
  return documentedForm;
}

let taskName: string | undefined;

/** The task name the spec's example shows (`HOTFIX_VERSION_UPGRADE`). */
function hotfixTaskName(): string {
  if (taskName === undefined) {
    const example = firstResponseExampleOf("gaussdb", "createScheduleTask", 200).value as {
      instance_tasks?: InstanceTask[];
    };
    const name = example.instance_tasks?.[0]?.task_name;
    if (!name) throw new Error("the openGauss 200 example names no task_name");
    taskName = name;
  }
  return taskName;
}

export function scheduleGaussDbHotfix(input: OperationInput): Outcome {
  const body = input.body as RequestBody;
  const text = messages(input.language);
  const problems: { code: string; message: string }[] = [];
  const seen = new Set<string>();
  body.instance_ids.forEach((id, i) => {
    const instance = input.fleet.get(input.api, id);
    if (seen.has(id)) {
      problems.push({
        code: specErrors().parameterError.error_code,
        message: text.parameterError(`body.instance_ids[${i}] repeats ${id}`),
      });
    } else if (!instance) {
      problems.push({ code: serviceProfiles[input.api].notFoundCode(), message: text.instanceNotFound(id) });
    } else if (instance.status !== "available" || input.forceReject?.has(id)) {
      problems.push({
        code: specErrors().statusNotAllowed.code,
        message: `${text.statusNotAllowed} (${id}: ${instance.status})`,
      });
    }
    seen.add(id);
  });
  const startsAt = parseStartTime(body.start_time);
  if (!startTimeForm().test(body.start_time)) {
    problems.unshift({
      code: specErrors().parameterError.error_code,
      message: text.parameterError(
        `body.start_time ${body.start_time} is not in the documented form yyyy-MM-ddTHH:mm:ss±hhmm (other forms are unverified, so this mock takes only that one)`,
      ),
    });
  } else if (Number.isNaN(startsAt)) {
    problems.unshift({
      code: specErrors().parameterError.error_code,
      message: text.parameterError(`body.start_time ${body.start_time} is not a calendar date`),
    });
  }
  if (problems.length > 0) return batchError(problems);

  const patches = body.target_version
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  const targetVersion = patches[patches.length - 1] ?? body.target_version;
  const tasks: InstanceTask[] = body.instance_ids.map((id) => {
    const job = input.fleet.startUpgrade(input.api, id, { targetVersion, patches, startsAt, kind: "scheduled" });
    return { task_id: job.id, task_name: hotfixTaskName(), instance_id: id };
  });
  return { status: input.successStatus, body: { instance_tasks: tasks } };
}
