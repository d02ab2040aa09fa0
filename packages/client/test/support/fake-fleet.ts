// An in-memory fleet for one API on a virtual clock, used as the client's `fetch`: routes requests by
// the spec's operation metadata, answers the batch, instance, version and job operations from its
// state, checks every answer against the spec, and injects faults (500s, resets, hangs until the
// caller's timeout, jobs that vanish, a visibility delay).
import { apiMeta, type ApiName } from "@dbupgrade/meta";
import { validator } from "./spec.js";

export interface FakeInstance {
  id: string;
  name: string;
  engine: string;
  status: string;
  actions: string[];
  version: string;
  latest: string;
}

export interface FakeJob {
  id: string;
  instanceId: string;
  createdAt: number;
  startsAt: number;
  endsAt: number;
  end: "completed" | "failed" | "cancelled" | "hang";
  failReason: string;
  target: string;
  hiddenFrom?: number;
}

export type Fault = "500" | "reset" | "hang";

export interface FakeFleetOptions {
  api: ApiName;
  now: () => number;
  instances: number;
  jobDurationMs?: number;
  /** TaurusDB immediate jobs are invisible this long after creation. */
  visibilityDelayMs?: number;
  /** TaurusDB delay:true and openGauss: when scheduled jobs start (absolute ms); default startTime / now + 1 h. */
  scheduleAt?: number;
}

const TAURUS_JOB = "UpgradeGaussDBforMySQLDatabaseVersion";
const pad = (n: number) => String(n).padStart(4, "0");
const fmt = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");

export function fakeFleet(options: FakeFleetOptions) {
  const { api, now } = options;
  const duration = options.jobDurationMs ?? 60_000;
  const suffix = { geminidb: "in06", dds: "in02", taurusdb: "in07", gaussdb: "in14" }[api];
  const instances: FakeInstance[] = Array.from({ length: options.instances }, (_, i) => ({
    id: `${pad(i)}${"0".repeat(28)}${suffix}`,
    name: `${api}-${pad(i)}`,
    engine:
      api === "geminidb"
        ? i % 4 === 3
          ? "redis"
          : "cassandra"
        : api === "dds"
          ? "DDS-Community"
          : api === "taurusdb"
            ? "gaussdb-mysql"
            : "GaussDB",
    status: api === "gaussdb" ? "ACTIVE" : "normal", // TaurusDB: the /v3.1 unified status
    actions: [],
    version: api === "taurusdb" ? (i % 5 === 4 ? "2.0.46.231000" : "2.0.48.231200") : "3.208.0.5",
    latest: api === "taurusdb" ? "2.0.51.240300" : "3.208.0.7",
  }));
  const jobs: FakeJob[] = [];
  const faults: { op: string; fault: Fault }[] = [];
  const requests: { op: string; at: number }[] = [];
  const invalid: string[] = [];
  /** Per instance: how the next job ends. */
  const endings = new Map<string, FakeJob["end"]>();
  let seq = 0;

  const routes = Object.values(apiMeta[api].operations).map((op) => ({
    op,
    pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
    names: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
  }));

  const jobState = (job: FakeJob) => {
    const t = now();
    if (job.end === "cancelled" && t >= job.endsAt) return "Canceled";
    if (t < job.startsAt) return "Pending";
    if (t < job.endsAt || job.end === "hang") return "Running";
    return job.end === "completed" ? "Completed" : "Failed";
  };
  const progress = (job: FakeJob) => {
    const state = jobState(job);
    if (state !== "Running") return state === "Completed" ? "100%" : "";
    return `${Math.max(1, Math.min(99, Math.floor(((now() - job.startsAt) / (job.endsAt - job.startsAt)) * 100)))}%`;
  };
  const visible = (job: FakeJob) =>
    now() >= job.createdAt + (api === "taurusdb" ? (options.visibilityDelayMs ?? 0) : 0) &&
    (job.hiddenFrom === undefined || now() < job.hiddenFrom);
  const instanceOf = (id: string) => instances.find((i) => i.id === id);
  const latestJob = (id: string) => jobs.filter((j) => j.instanceId === id).at(-1);
  const busy = (i: FakeInstance) => {
    const job = latestJob(i.id);
    return job !== undefined && ["Pending", "Running"].includes(jobState(job));
  };
  const settleVersion = (i: FakeInstance) => {
    const job = latestJob(i.id);
    return job !== undefined && jobState(job) === "Completed" ? job.target : i.version;
  };

  const start = (instanceId: string, startsAt: number, target: string): FakeJob => {
    const created = now();
    const job: FakeJob = {
      id: `${pad(++seq)}aaaa-bbbb-4ccc-8ddd-${instanceId.slice(0, 12)}`,
      instanceId,
      createdAt: created,
      startsAt,
      endsAt: startsAt + duration,
      end: endings.get(instanceId) ?? "completed",
      failReason: endings.get(instanceId) === "failed" ? "Upgrade failed: node health check failed." : "",
      target,
    };
    jobs.push(job);
    return job;
  };

  const page = <T>(rows: T[], query: URLSearchParams, offsetBase = 0) => {
    const limit = Number(query.get("limit") ?? 100);
    const offset = Number(query.get("offset") ?? offsetBase);
    return rows.slice(offset, offset + limit);
  };

  function answer(
    opId: string,
    params: Record<string, string>,
    query: URLSearchParams,
    body: any,
  ): { status: number; body: unknown } {
    switch (`${api}.${opId}`) {
      case "geminidb.batchUpgradeDatabaseVersion":
      case "dds.batchUpgradeDatabaseVersion":
        return {
          status: 202,
          body: {
            upgrade_results: body.instance_ids.map((id: string) => {
              const i = instanceOf(id);
              if (!i || i.status !== "normal" || busy(i))
                return {
                  instance_id: id,
                  error_code: "DBS.200011",
                  error_message: "The status of DB instance does not allow the operation.",
                };
              return { instance_id: id, job_id: start(id, now(), i.latest).id };
            }),
          },
        };
      case "taurusdb.batchUpgradeDatabases":
        for (const { instance_id } of body.databases_instance_infos)
          start(
            instance_id,
            body.delay ? (options.scheduleAt ?? now() + 3_600_000) : now(),
            instanceOf(instance_id)!.latest,
          );
        return { status: 200, body: { resp: "success" } };
      case "gaussdb.createScheduleTask": {
        const at = Date.parse(body.start_time.replace("+0000", "Z"));
        return {
          status: 200,
          body: {
            instance_tasks: body.instance_ids.map((id: string) => ({
              instance_id: id,
              task_id: start(id, at, body.target_version).id,
              task_name: "HOTFIX_VERSION_UPGRADE",
            })),
          },
        };
      }
      case "geminidb.listInstances":
      case "dds.listInstances": {
        const rows = instances.map((i) => ({
          id: i.id,
          name: i.name,
          status: i.status,
          actions: busy(i) ? ["UPGRADING"] : i.actions,
          datastore: {
            type: i.engine,
            version: "4.0",
            whole_version: settleVersion(i),
            patch_available: settleVersion(i) !== i.latest,
          },
        }));
        return { status: 200, body: { instances: page(rows, query), total_count: rows.length } };
      }
      case "dds.showUpgradeDuration":
        return {
          status: 200,
          body: {
            strategies: [
              { strategy: "minimized_interrupt_time", estimated_upgrade_duration: 10 },
              { strategy: "minimized_upgrade_time", estimated_upgrade_duration: 5 },
            ],
          },
        };
      case "taurusdb.listGaussMySqlInstancesUnifyStatus": {
        // Unified statuses report health only: a busy instance stays "normal" (its job is in ListImmediateJobs).
        const rows = instances.map((i) => ({
          id: i.id,
          name: i.name,
          status: i.status,
          datastore: { type: i.engine, version: "8.0", kernel_version: settleVersion(i) },
        }));
        return { status: 200, body: { instances: page(rows, query), total_count: rows.length } };
      }
      case "taurusdb.showInstanceDatabaseVersion": {
        const i = instanceOf(params.instance_id!)!;
        const current = settleVersion(i);
        return {
          status: 200,
          body: {
            datastore: {
              current_version: "8.0.22",
              current_kernel_version: current,
              latest_version: "8.0.22",
              latest_kernel_version: i.latest,
            },
            upgrade_flag: current !== i.latest,
          },
        };
      }
      case "gaussdb.listDatabaseInstances": {
        // /v3.3 prefixes versions (the docs' example: "V2.0-2.7.2").
        const rows = instances.map((i) => ({
          id: i.id,
          name: i.name,
          status: busy(i) ? "UPGRADING" : i.status,
          datastore: {
            type: i.engine,
            version: "V2.0-8.201",
            complete_version: "V2.0-8.201.0",
            hotfix_version_infos: settleVersion(i) === i.version ? [] : [{ version: `V2.0-${settleVersion(i)}` }],
          },
        }));
        return { status: 200, body: { instances: page(rows, query), total_count: rows.length } };
      }
      case "gaussdb.batchShowUpgradeCandidateVersions":
        return {
          status: 200,
          body: {
            upgrade_candidate_versions: [],
            upgrade_type_list: [
              {
                upgrade_type: "hotfix",
                enable: true,
                upgrade_action_list: [{ upgrade_action: "upgradeAutoCommit", enable: true }],
                is_parallel_upgrade: null,
              },
            ],
            target_version: null,
            hotfix_upgrade_infos: [
              { version: "V2.0-3.208.0.6", common_patch: "common", backup_sensitive: false, descripition: "" },
              { version: "3.208.0.7", common_patch: "common", backup_sensitive: false, descripition: "" },
            ],
          },
        };
      case "geminidb.listJobs": {
        const id = query.get("id");
        const from = query.get("start_time");
        const rows = jobs
          .filter(visible)
          .filter(
            (j) =>
              (id === null || j.id === id) && (from === null || j.createdAt >= Date.parse(from.replace("+0000", "Z"))),
          )
          .map((j) => ({
            id: j.id,
            name: "UpgradeDbVersion",
            status: jobState(j) === "Pending" ? "Running" : jobState(j),
            start_time: fmt(j.createdAt),
            end_time: jobState(j) === "Running" ? "" : fmt(j.endsAt),
            progress: progress(j),
            instance: { id: j.instanceId, name: instanceOf(j.instanceId)!.name },
            fail_reason: j.failReason,
          }));
        return { status: 200, body: { jobs: page(rows, query), total_count: rows.length } };
      }
      case "dds.showJobDetail": {
        const j = jobs.find((x) => x.id === query.get("id") && visible(x));
        if (!j) return { status: 404, body: { error_code: "DBS.200404", error_msg: "The job does not exist." } };
        return {
          status: 200,
          body: {
            job: {
              id: j.id,
              name: "UpgradeDatabaseVersion",
              status: jobState(j),
              created: fmt(j.createdAt),
              ended: jobState(j) === "Running" ? "" : fmt(j.endsAt),
              progress: progress(j),
              instance: { id: j.instanceId, name: instanceOf(j.instanceId)!.name },
              fail_reason: j.failReason || null,
            },
          },
        };
      }
      case "taurusdb.listImmediateJobs": {
        const from = query.get("start_time");
        const rows = jobs
          .filter((j) => visible(j) && j.startsAt <= j.createdAt)
          .filter(
            (j) =>
              (query.get("job_id") === null || j.id === query.get("job_id")) &&
              (from === null || j.createdAt >= Date.parse(from.replace("+0000", "Z"))),
          )
          .map((j) => ({
            instance_id: j.instanceId,
            instance_name: instanceOf(j.instanceId)!.name,
            instance_status: "normal",
            job_id: j.id,
            order_id: "",
            job_name: TAURUS_JOB,
            status: jobState(j),
            process: progress(j),
            created_time: fmt(j.createdAt),
            ended_time: jobState(j) === "Running" ? "" : fmt(j.endsAt),
            fail_reason: j.failReason,
            show_detail: false,
          }));
        return { status: 200, body: { jobs: page(rows, query), total_count: rows.length, action_names: [TAURUS_JOB] } };
      }
      case "taurusdb.listScheduleJobs": {
        const rows = jobs
          .filter(
            (j) =>
              visible(j) &&
              j.startsAt > j.createdAt &&
              (query.get("instance_id") === null || j.instanceId === query.get("instance_id")),
          )
          .map((j) => ({
            job_id: j.id,
            instance_id: j.instanceId,
            instance_name: instanceOf(j.instanceId)!.name,
            instance_status: "normal",
            project_id: "p",
            job_name: "VERSION_UPGRADE",
            create_time: fmt(j.createdAt),
            start_time: fmt(j.startsAt),
            end_time: fmt(j.endsAt),
            job_status: jobState(j),
            datastore_type: "gaussdb-mysql",
          }));
        return { status: 200, body: { schedules: page(rows, query), total_count: rows.length } };
      }
      case "gaussdb.listScheduleTask": {
        const rows = jobs
          .filter(
            (j) =>
              visible(j) &&
              (query.get("instance_id") === null || j.instanceId === query.get("instance_id")) &&
              (query.get("status") === null || jobState(j) === query.get("status")),
          )
          // The list's task ids have no dashes (reference §5): matched by instance and time.
          .map((j) => ({
            task_id: j.id.replaceAll("-", ""),
            task_name: "升级实例热补丁",
            status: jobState(j),
            create_time: fmt(j.createdAt),
            start_time: fmt(j.startsAt),
            instance_id: j.instanceId,
            instance_name: instanceOf(j.instanceId)!.name,
            target_config: j.target,
          }));
        return { status: 200, body: { tasks: page(rows, query), total_count: rows.length } };
      }
    }
    throw new Error(`fake fleet: no answer for ${api}.${opId}`);
  }

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/[a-z]+(?=\/v3)/, "");
    const route = routes.find((r) => r.op.method === request.method && r.pattern.test(path));
    if (!route)
      return Response.json(
        { error_code: "TEST.404", error_msg: `no route ${request.method} ${path}` },
        { status: 404 },
      );
    const op = route.op.operationId;
    requests.push({ op, at: now() });
    const faultAt = faults.findIndex((f) => f.op === op);
    if (faultAt >= 0) {
      const [{ fault }] = faults.splice(faultAt, 1) as [{ op: string; fault: Fault }];
      if (fault === "reset")
        throw Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
        });
      if (fault === "hang") {
        // Until the caller gives up. A Request's signal follows the caller's through a weak link that a
        // garbage collection can drop, so after 2 s the connection is dropped instead.
        return new Promise((_, reject) => {
          const drop = setTimeout(
            () =>
              reject(
                Object.assign(new TypeError("fetch failed"), {
                  cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
                }),
              ),
            2_000,
          );
          const abort = () => {
            clearTimeout(drop);
            reject(request.signal.reason);
          };
          if (request.signal.aborted) abort();
          request.signal.addEventListener("abort", abort, { once: true });
        });
      }
      return Response.json(
        { error_code: "DBS.200500", error_msg: "Internal error." },
        { status: 500, headers: { "X-Request-Id": "fault" } },
      );
    }
    const params = Object.fromEntries(
      route.names.map((n, k) => [n, decodeURIComponent(path.match(route.pattern)![k + 1]!)]),
    );
    const text = await request.text();
    const { status, body } = answer(op, params, url.searchParams, text === "" ? undefined : JSON.parse(text));
    const check = validator.validateResponse(api, op, status, body);
    if (!check.valid) invalid.push(...check.issues.map((i) => `${op} ${status} ${i.location} ${i.message}`));
    return Response.json(body, { status, headers: { "X-Request-Id": `req-${requests.length}` } });
  };

  return {
    fetch,
    instances,
    jobs,
    requests,
    invalid,
    /** The next requests of `op` fail so, in order. */
    fault: (op: string, ...kinds: Fault[]) => faults.push(...kinds.map((fault) => ({ op, fault }))),
    /** How the next job of an instance ends. */
    endWith: (instanceId: string, end: FakeJob["end"]) => endings.set(instanceId, end),
    /** The instance's latest job disappears from the job APIs from `at` on. */
    hide: (instanceId: string, at: number) => (latestJob(instanceId)!.hiddenFrom = at),
  };
}
