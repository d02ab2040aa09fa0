// DDS: ShowJobDetail?id= answers {job}; a 404 means not visible (yet). No listing of upgrade jobs by time
// is used, so DDS is followed by job id only. Rows, statuses and match: the spec's x-dbupgrade-follow.
import { createFollower } from "../../workflow/follower.js";
import { ddsMeta } from "@dbupgrade/meta";
import type { DdsClient } from "./client.js";
import type { Poller } from "../../workflow/follow-engine.js";
import { followDeclaration, rowsOf } from "../../workflow/follow-spec.js";
import { DbUpgradeApiError } from "../../errors.js";
import { matchRows } from "../../workflow/pollers.js";

export function ddsPoller(client: Pick<DdsClient, "showJobDetailOrThrow">): Poller {
  const declared = followDeclaration(ddsMeta, "showJobDetail");
  return {
    pollOne: async (instance, send) => {
      try {
        const data = await send((signal) =>
          client.showJobDetailOrThrow({ query: { id: instance.jobId! } }, { signal }),
        );
        return matchRows(declared, [instance], rowsOf(declared, data)).get(instance.instanceId);
      } catch (error) {
        if (error instanceof DbUpgradeApiError && error.status === declared.notFoundStatus) return undefined;
        throw error;
      }
    },
  };
}

/** The follower of this service alone: its entry point and its composed run use it (no other service's code). */
export const ddsFollower = /* @__PURE__ */ createFollower({ dds: (client) => ddsPoller(client) });
