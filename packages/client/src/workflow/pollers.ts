// One poller per service (reference §1): which read API shows an upgrade's job, and how a job is
// matched to an instance. Pollers only read; nothing here can submit an upgrade.
import type { DdsClient } from "../services/dds/client.js";
import type { GaussDbClient } from "../services/gaussdb/client.js";
import type { GeminiDbClient } from "../services/geminidb/client.js";
import type { TaurusDbClient } from "../services/taurusdb/client.js";
import type { FollowedInstance } from "./follow-types.js";
import type { Observation, Poller } from "./follow-engine.js";
import { isNotFound, observation, parseApiTime, readPages, searchFrom, text } from "./job-status.js";

type Row = Record<string, unknown>;

const earliest = (instances: readonly FollowedInstance[]): number =>
  Math.min(...instances.map((i) => Date.parse(i.submittedAt)));

/** The newest row for each followed instance created no earlier than a minute before its submission. */
function newestPerInstance(
  instances: readonly FollowedInstance[],
  created: (row: Row) => number,
  instanceOf: (row: Row) => unknown,
) {
  const wanted = new Map(instances.map((i) => [i.instanceId, Date.parse(i.submittedAt) - 60_000]));
  const best = new Map<string, { row: Row; at: number }>();
  return {
    take: (row: Row): void => {
      const id = instanceOf(row);
      if (typeof id !== "string" || !wanted.has(id)) return;
      const at = created(row);
      if (!(at >= wanted.get(id)!)) return;
      const current = best.get(id);
      if (current === undefined || at > current.at) best.set(id, { row, at });
    },
    rows: best,
  };
}

// GeminiDB: ListJobs?id= answers a list (read jobs[0]); a pass lists the run's jobs by time.
export function geminiDbPoller(client: Pick<GeminiDbClient, "listJobsOrThrow">): Poller {
  const read = (job: Row): Observation =>
    observation({ status: job.status, jobId: job.id, progress: job.progress, failReason: job.fail_reason });
  return {
    pageSize: 50,
    pollOne: async (instance, send) => {
      const data = await send((signal) => client.listJobsOrThrow({ query: { id: instance.jobId! } }, { signal }));
      const job = (Array.isArray(data.jobs) ? (data.jobs as unknown[]) : []).find(
        (j): j is Row => (j as Row | null)?.id === instance.jobId,
      );
      return job === undefined ? undefined : read(job);
    },
    pass: async (instances, send) => {
      const byJob = new Map(instances.map((i) => [i.jobId ?? undefined, i.instanceId]));
      const seen = new Map<string, Observation>();
      const result = await readPages<Row>(
        send,
        50,
        async (offset, signal) => {
          const data = await client.listJobsOrThrow(
            { query: { start_time: searchFrom(earliest(instances)), offset, limit: 50 } },
            { signal },
          );
          return { rows: data.jobs, total: data.total_count };
        },
        (job) => {
          const instanceId = byJob.get(text(job.id));
          if (instanceId !== undefined) seen.set(instanceId, read(job));
        },
      );
      return { ...result, seen };
    },
  };
}

// DDS: ShowJobDetail?id= answers {job}; a 404 means not visible (yet).
export function ddsPoller(client: Pick<DdsClient, "showJobDetailOrThrow">): Poller {
  return {
    pollOne: async (instance, send) => {
      try {
        const data = await send((signal) =>
          client.showJobDetailOrThrow({ query: { id: instance.jobId! } }, { signal }),
        );
        const job = data.job as unknown as Row | undefined;
        if (job === undefined || job === null || job.id !== instance.jobId) return undefined;
        return observation({ status: job.status, jobId: job.id, progress: job.progress, failReason: job.fail_reason });
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

const TAURUS_JOB_NAME = "UpgradeGaussDBforMySQLDatabaseVersion";
const TAURUS_SCHEDULE_NAME = "VERSION_UPGRADE";

// TaurusDB returns no job id: immediate upgrades are found in ListImmediateJobs by instance and time
// (then followed by their job id); deferred ones in ListScheduleJobs by instance.
export function taurusDbPoller(
  client: Pick<TaurusDbClient, "listImmediateJobsOrThrow" | "listScheduleJobsOrThrow">,
  delay: boolean,
): Poller {
  if (delay) {
    const read = (row: Row): Observation =>
      observation({ status: row.job_status, jobId: row.job_id, startsAt: row.start_time });
    const match = (instances: readonly FollowedInstance[]) =>
      newestPerInstance(
        instances,
        (row) => parseApiTime(row.create_time),
        (row) => row.instance_id,
      );
    return {
      pageSize: 100,
      pollOne: async (instance, send) => {
        const found = match([instance]);
        await send(async (signal) => {
          const data = await client.listScheduleJobsOrThrow(
            { query: { job_name: TAURUS_SCHEDULE_NAME, instance_id: instance.instanceId, offset: "0", limit: "100" } },
            { signal },
          );
          for (const row of Array.isArray(data.schedules) ? (data.schedules as unknown[]) : [])
            if (row !== null && typeof row === "object") found.take(row as Row);
        });
        const row = found.rows.get(instance.instanceId)?.row;
        return row === undefined ? undefined : read(row);
      },
      pass: async (instances, send) => {
        const found = match(instances);
        const result = await readPages<Row>(
          send,
          100,
          async (offset, signal) => {
            const data = await client.listScheduleJobsOrThrow(
              { query: { job_name: TAURUS_SCHEDULE_NAME, offset: String(offset), limit: "100" } },
              { signal },
            );
            return { rows: data.schedules, total: data.total_count };
          },
          found.take,
        );
        return { ...result, seen: new Map([...found.rows].map(([id, { row }]) => [id, read(row)])) };
      },
    };
  }
  const read = (row: Row): Observation =>
    observation({ status: row.status, jobId: row.job_id, progress: row.process, failReason: row.fail_reason });
  const match = (instances: readonly FollowedInstance[]) =>
    newestPerInstance(
      instances,
      (row) => parseApiTime(row.created_time),
      (row) => row.instance_id,
    );
  return {
    pageSize: 50,
    pollOne: async (instance, send) => {
      if (instance.jobId === null) return "unsupported";
      const data = await send((signal) =>
        client.listImmediateJobsOrThrow({ query: { job_id: instance.jobId!, offset: "0", limit: "10" } }, { signal }),
      );
      const row = (Array.isArray(data.jobs) ? (data.jobs as unknown[]) : []).find(
        (j): j is Row => (j as Row | null)?.job_id === instance.jobId && (j as Row).instance_id === instance.instanceId,
      );
      return row === undefined ? undefined : read(row);
    },
    pass: async (instances, send) => {
      const found = match(instances);
      const result = await readPages<Row>(
        send,
        50,
        async (offset, signal) => {
          const data = await client.listImmediateJobsOrThrow(
            {
              query: {
                job_name: TAURUS_JOB_NAME,
                start_time: searchFrom(earliest(instances)),
                offset: String(offset),
                limit: "50",
              },
            },
            { signal },
          );
          return { rows: data.jobs, total: data.total_count };
        },
        found.take,
      );
      return { ...result, seen: new Map([...found.rows].map(([id, { row }]) => [id, read(row)])) };
    },
  };
}

const HOTFIX_TASK = "HOTFIX_VERSION_UPGRADE";

// openGauss: ListScheduleTask by instance (task ids differ in format between create and list, so the
// match is instance + creation time, preferring an equal task id).
export function gaussDbPoller(client: Pick<GaussDbClient, "listScheduleTaskOrThrow">): Poller {
  const read = (row: Row): Observation => {
    const o = observation({ status: row.status, jobId: row.task_id, startsAt: row.start_time });
    if (o.state === "completed") o.version = text(row.target_config);
    return o;
  };
  const pick = (instances: readonly FollowedInstance[], rows: Row[]) => {
    const found = newestPerInstance(
      instances,
      (row) => parseApiTime(row.create_time),
      (row) => row.instance_id,
    );
    const taskOf = new Map(instances.filter((i) => i.jobId !== null).map((i) => [i.instanceId, i.jobId]));
    const byTask = new Map<string, Row>();
    for (const row of rows) {
      found.take(row);
      const id = text(row.instance_id);
      if (id !== undefined && taskOf.get(id) === row.task_id) byTask.set(id, row);
    }
    return new Map(
      instances.flatMap((i) => {
        const row = byTask.get(i.instanceId) ?? found.rows.get(i.instanceId)?.row;
        return row === undefined ? [] : [[i.instanceId, read(row)] as const];
      }),
    );
  };
  return {
    pageSize: 100,
    pollOne: async (instance, send) => {
      const data = await send((signal) =>
        client.listScheduleTaskOrThrow(
          { query: { instance_id: instance.instanceId, name: HOTFIX_TASK, offset: 0, limit: 100 } },
          { signal },
        ),
      );
      const rows = (Array.isArray(data.tasks) ? (data.tasks as unknown[]) : []).filter(
        (r): r is Row => r !== null && typeof r === "object",
      );
      return pick([instance], rows).get(instance.instanceId);
    },
    pass: async (instances, send) => {
      const rows: Row[] = [];
      const result = await readPages<Row>(
        send,
        100,
        async (offset, signal) => {
          const data = await client.listScheduleTaskOrThrow(
            { query: { name: HOTFIX_TASK, offset, limit: 100 } },
            { signal },
          );
          return { rows: data.tasks, total: data.total_count };
        },
        (row) => rows.push(row),
      );
      return { ...result, seen: pick(instances, rows) };
    },
  };
}
