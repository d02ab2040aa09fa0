// Submitting with a journal. For each request the client is about to send, the instances it carries
// are saved as `sending` (synchronously, atomically) before the request can leave; each answer is
// saved as it comes. A process killed at any instant leaves a report in which every instance is
// either untouched (safe to send), answered, or `sending` (may have reached the server: never resent
// without --force). If the journal cannot be written, the run is aborted before that request leaves.
import type { BatchOptions, BatchOutcome, BatchReport } from "@dbupgrade/client";
import type { ReportStore } from "../report/store.js";
import type { InstanceRecord, Submission } from "../report/types.js";
import { isAuthRefusal, markSending, submissionOf } from "./journal.js";

/** One call of a batch helper: the inputs the plan grouped together (the helper chunks them). */
export interface SubmitBatch<Input> {
  inputs: Input[];
}

/**
 * Calls a batch helper. Its options carry the stop (`stopSending`: first Ctrl-C sends nothing new while
 * requests in flight still get their answers recorded) and the hard stop (`signal`: aborts those too).
 */
export type SendBatch<Input> = (
  inputs: Input[],
  options: BatchOptions<BatchOutcome>,
) => Promise<BatchReport<BatchOutcome>>;

export interface SubmitHooks {
  /** A request is about to leave with these instances (already saved as `sending`). */
  onSending?(records: readonly InstanceRecord[]): void;
  /** A request was answered (or failed): its instances' records are updated and saved. */
  onSettled?(records: readonly InstanceRecord[]): void;
}

export interface SubmitOptions extends SubmitHooks {
  /** Stop: send nothing new; requests in flight finish and are recorded. */
  signal?: AbortSignal;
  /** Hard stop: abort the requests in flight too (they may have reached the server). */
  hardSignal?: AbortSignal;
  concurrency?: number;
  now?: () => Date;
}

export interface SubmitResult {
  /** The first outcome refused with HTTP 401/403; the run stopped there. */
  authRefusal: Extract<BatchOutcome, { status: "rejected" }> | undefined;
  /** The report could not be saved; the run stopped before the next request left. */
  journalError: Error | undefined;
  /** The caller's signal fired. */
  interrupted: boolean;
  /** Requests handed to fetch. */
  requests: number;
}

export async function submitWithJournal<Input>(
  store: ReportStore,
  batches: readonly SubmitBatch<Input>[],
  send: SendBatch<Input>,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const now = options.now ?? (() => new Date());
  const records = new Map(store.report.instances.map((r) => [r.instanceId, r]));
  const before = new Map<string, Submission | undefined>([...records].map(([id, r]) => [id, r.submission]));
  const attempts = new Map<string, number>();
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const hard = options.hardSignal ?? new AbortController().signal;
  const onHardAbort = () => controller.abort(hard.reason);
  if (hard.aborted) controller.abort(hard.reason);
  hard.addEventListener("abort", onHardAbort, { once: true });
  const result: SubmitResult = { authRefusal: undefined, journalError: undefined, interrupted: false, requests: 0 };

  const recordOf = (instanceId: string): InstanceRecord => {
    const record = records.get(instanceId);
    if (record === undefined)
      throw new Error(`internal: the client reported instance ${instanceId}, which is not in the report`);
    return record;
  };
  const save = (): void => {
    try {
      store.save();
    } catch (error) {
      result.journalError ??= error as Error;
      controller.abort(error);
    }
  };
  const settle = (outcomes: readonly BatchOutcome[]): InstanceRecord[] => {
    const at = now().toISOString();
    return outcomes.map((outcome) => {
      const record = recordOf(outcome.instanceId);
      record.submission = submissionOf(
        outcome,
        before.get(outcome.instanceId),
        attempts.get(outcome.instanceId) ?? before.get(outcome.instanceId)?.attempts ?? 0,
        at,
      );
      if (isAuthRefusal(outcome) && result.authRefusal === undefined) {
        result.authRefusal = outcome as SubmitResult["authRefusal"];
        controller.abort(new Error("the API refused the credentials"));
      }
      return record;
    });
  };

  const batchOptions: BatchOptions<BatchOutcome> = {
    signal: hard,
    stopSending: controller.signal,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    onSend: (instanceIds) => {
      // Stopped: the helper sends nothing new (it checks stopSending right after this) and reports it skipped.
      if (controller.signal.aborted) return;
      try {
        const at = now().toISOString();
        const sending = instanceIds.map((id) => {
          const record = recordOf(id);
          const count = (attempts.get(id) ?? before.get(id)?.attempts ?? 0) + 1;
          attempts.set(id, count);
          markSending(record, at, count);
          return record;
        });
        store.save();
        result.requests++;
        options.onSending?.(sending);
      } catch (error) {
        // Whatever went wrong, this request must not leave unrecorded: the aborted signal stops it
        // (the helper checks stopSending right after onSend and reports its instances as skipped).
        result.journalError ??= error as Error;
        controller.abort(error);
      }
    },
    onProgress: (progress) => {
      const settled = settle(progress.latest);
      save();
      options.onSettled?.(settled);
    },
  };

  try {
    for (const batch of batches) {
      if (batch.inputs.length === 0) continue;
      const report = await send(batch.inputs, batchOptions);
      // Every outcome already came through onProgress; applying the final list again is idempotent
      // and covers a helper that reported less than it returned.
      settle(report.outcomes);
      for (const note of report.notes) if (!store.report.notes.includes(note)) store.report.notes.push(note);
      save();
    }
  } finally {
    options.signal?.removeEventListener("abort", onOuterAbort);
    hard.removeEventListener("abort", onHardAbort);
  }
  result.interrupted = options.signal?.aborted === true || hard.aborted;
  return result;
}
