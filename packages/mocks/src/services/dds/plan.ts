// DDS's plan answers: its instance list and the upgrade duration per strategy.
import type { components } from "@dbupgrade/types/dds";
import type { MockInstance } from "../../fleet-types.js";
import type { OperationInput, Outcome } from "../../operations/outcome.js";
import { messages } from "../../errors.js";
import { common, major, paged, running, selected } from "../../operations/plan.js";
import { ddsProfile } from "./profile.js";
import { tagList } from "../../instance-tags.js";

type DdsInstance = components["schemas"]["InstanceSummary"];

function ddsInstance(i: MockInstance): DdsInstance {
  return {
    ...common("dds", i),
    actions: running(i) ? ["UPGRADING"] : [],
    tags: tagList(i.tags),
    datastore: {
      type: "DDS-Community",
      version: major(i.version),
      patch_available: i.patchAvailable,
      whole_version: i.version,
    },
  };
}

export function listDdsInstances(input: OperationInput): Outcome {
  return { status: input.successStatus, body: paged(input, selected(input).map(ddsInstance)) };
}

/** DDS: minutes per strategy, from the fleet's job duration (the fastest is what the batch uses). */
export function showDdsUpgradeDuration(input: OperationInput): Outcome {
  const id = input.params.instance_id!;
  // The spec documents 404 DBS.200002 for an unknown instance here (the DDS error-code table's status).
  if (!input.fleet.get(input.api, id))
    return {
      status: 404,
      body: { error_code: ddsProfile.notFoundCode(), error_msg: messages(input.language).instanceNotFound(id) },
    };
  const fastest = Math.max(1, Math.ceil(input.fleet.jobDurationMs / 60_000));
  return {
    status: input.successStatus,
    body: {
      strategies: [
        { estimated_upgrade_duration: fastest * 2, strategy: "minimized_interrupt_time" },
        { estimated_upgrade_duration: fastest, strategy: "minimized_upgrade_time" },
      ],
    },
  };
}
