// Scheduled (not yet started) upgrades, as the TaurusDB and openGauss schedule APIs list them, and
// what a cancellation did with each. Plain JSON data.

export interface ScheduledUpgrade {
  instanceId: string;
  instanceName: string | null;
  /** TaurusDB job_id / openGauss task_id: what the cancel API takes. */
  taskId: string;
  /** The API's status word (Pending, Running, ...). */
  status: string;
  /** When it starts, as the API writes it (TaurusDB: in the maintenance window). */
  startTime: string | null;
  /** The target version or patch, where the list shows it. */
  target: string | null;
}

export interface CancelOutcome {
  instanceId: string;
  taskId: string | null;
  /**
   * `cancelled`: the API says so. `refused`: it would not (already running, ended, unknown id).
   * `failed`: no usable answer (a network error): it may or may not have been cancelled.
   * `not-found`: no pending upgrade of this instance was listed, so nothing was sent.
   */
  status: "cancelled" | "refused" | "failed" | "not-found";
  detail: string | null;
}
