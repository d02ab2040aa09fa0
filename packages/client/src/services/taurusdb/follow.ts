// TaurusDB returns no job id: immediate upgrades are found in ListImmediateJobs by instance and time (then
// followed by their job id); deferred ones in ListScheduleJobs by instance. Which operation follows which
// kind of batch (`when: {delay}`), the rows, statuses, job names and match: the spec's x-dbupgrade-follow.
import { createFollower } from "../../workflow/follower.js";
import { taurusdbMeta } from "@dbupgrade/meta";
import type { TaurusDbClient } from "./client.js";
import type { Poller } from "../../workflow/follow-engine.js";
import { followDeclaration, rowsOf } from "../../workflow/follow-spec.js";
import { listingFrom, listingPass, matchRows } from "../../workflow/pollers.js";

type Client = Pick<TaurusDbClient, "listImmediateJobsOrThrow" | "listScheduleJobsOrThrow">;

export function taurusDbPoller(client: Client, delay: boolean): Poller {
  return delay ? scheduledPoller(client) : immediatePoller(client);
}

function scheduledPoller(client: Client): Poller {
  const declared = followDeclaration(taurusdbMeta, "listScheduleJobs");
  const jobName = declared.filter.job_name as "VERSION_UPGRADE";
  const PAGE = 100;
  return {
    pageSize: PAGE,
    pollOne: async (instance, send) => {
      const data = await send((signal) =>
        client.listScheduleJobsOrThrow(
          { query: { job_name: jobName, instance_id: instance.instanceId, offset: "0", limit: String(PAGE) } },
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
          const body = await client.listScheduleJobsOrThrow(
            { query: { job_name: jobName, offset: String(offset), limit: String(PAGE) } },
            { signal },
          );
          return { body, total: body.total_count };
        },
        limits?.maxPages,
      ),
  };
}

function immediatePoller(client: Client): Poller {
  const declared = followDeclaration(taurusdbMeta, "listImmediateJobs");
  const jobName = declared.filter.job_name!;
  const PAGE = 50;
  const limit = "50";
  return {
    pageSize: PAGE,
    pollOne: async (instance, send) => {
      if (instance.jobId === null) return "unsupported";
      const data = await send((signal) =>
        client.listImmediateJobsOrThrow({ query: { job_id: instance.jobId!, offset: "0", limit: "10" } }, { signal }),
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
          const body = await client.listImmediateJobsOrThrow(
            {
              query: {
                job_name: jobName,
                start_time: listingFrom(instances, limits?.since),
                offset: String(offset),
                limit,
              },
            },
            { signal },
          );
          return { body, total: body.total_count };
        },
        limits?.maxPages,
      ),
  };
}

/** The follower of this service alone: its entry point and its composed run use it (no other service's code). */
export const taurusdbFollower = /* @__PURE__ */ createFollower({
  taurusdb: (client, { delay }) => taurusDbPoller(client, delay === true),
});
