// openGauss: ListScheduleTask by instance. Task ids differ in format between create and list, so the spec
// declares the match as instance + creation time (an equal task id preferred); rows, statuses, the task
// name and the version field come from its x-dbupgrade-follow on listScheduleTask.
import { createFollower } from "../../workflow/follower.js";
import { gaussdbMeta } from "@dbupgrade/meta";
import type { GaussDbClient } from "./client.js";
import type { Poller } from "../../workflow/follow-engine.js";
import { followDeclaration, rowsOf } from "../../workflow/follow-spec.js";
import { listingFrom, listingPass, matchRows } from "../../workflow/pollers.js";

const PAGE = 100;

export function gaussDbPoller(client: Pick<GaussDbClient, "listScheduleTaskOrThrow">): Poller {
  const declared = followDeclaration(gaussdbMeta, "listScheduleTask");
  const name = declared.filter.name as "HOTFIX_VERSION_UPGRADE";
  return {
    pageSize: PAGE,
    pollOne: async (instance, send) => {
      const data = await send((signal) =>
        client.listScheduleTaskOrThrow(
          { query: { instance_id: instance.instanceId, name, offset: 0, limit: PAGE } },
          { signal },
        ),
      );
      return matchRows(declared, [instance], rowsOf(declared, data)).get(instance.instanceId);
    },
    pass: (instances, send, limits) =>
      listingPass(
        declared,
        instances,
        send,
        PAGE,
        async (offset, signal) => {
          // The listing's order is not documented: the documented time window (from a skew margin before the
          // earliest submission) keeps older tasks out, so any page, the first one too, shows the run's tasks.
          const query = { name, start_time: listingFrom(instances, limits?.since), offset, limit: PAGE };
          const body = await client.listScheduleTaskOrThrow({ query }, { signal });
          return { body, total: body.total_count };
        },
        limits?.maxPages,
      ),
  };
}

/** The follower of this service alone: its entry point and its composed run use it (no other service's code). */
export const gaussdbFollower = /* @__PURE__ */ createFollower({ gaussdb: (client) => gaussDbPoller(client) });
