// GeminiDB: ListJobs?id= answers a list (read the job with that id); a pass lists the run's jobs by time.
// The rows, statuses and match come from the spec's x-dbupgrade-follow on listJobs.
import { createFollower } from "../../workflow/follower.js";
import { geminidbMeta } from "@dbupgrade/meta";
import type { GeminiDbClient } from "./client.js";
import type { Poller } from "../../workflow/follow-engine.js";
import { followDeclaration } from "../../workflow/follow-spec.js";
import { listingFrom, listingPass, matchRows } from "../../workflow/pollers.js";
import { rowsOf } from "../../workflow/follow-spec.js";

const PAGE = 50;

export function geminiDbPoller(client: Pick<GeminiDbClient, "listJobsOrThrow">): Poller {
  const declared = followDeclaration(geminidbMeta, "listJobs");
  return {
    pageSize: PAGE,
    pollOne: async (instance, send) => {
      const data = await send((signal) => client.listJobsOrThrow({ query: { id: instance.jobId! } }, { signal }));
      return matchRows(declared, [instance], rowsOf(declared, data)).get(instance.instanceId);
    },
    pass: (instances, send, limits) =>
      listingPass(
        declared,
        instances,
        send,
        PAGE,
        async (offset, signal) => {
          const body = await client.listJobsOrThrow(
            { query: { start_time: listingFrom(instances, limits?.since), offset, limit: PAGE } },
            { signal },
          );
          return { body, total: body.total_count };
        },
        limits?.maxPages,
      ),
  };
}

/** The follower of this service alone: its entry point and its composed run use it (no other service's code). */
export const geminidbFollower = /* @__PURE__ */ createFollower({ geminidb: (client) => geminiDbPoller(client) });
