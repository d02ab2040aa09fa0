// The engine behind the four batch helpers: de-duplicate, split into chunks no larger than the spec
// allows, run them with bounded concurrency, and account for every instance exactly once whatever
// happens (error answers, network failures, timeouts, aborts, retries).
import type { ApiName } from "@dbupgrade/meta";
import { apiErrorFromResponse } from "../error-body.js";
import { DbUpgradeAbortError, DbUpgradeApiError, DbUpgradeError, type OperationRef } from "../errors.js";
import type { Redactor } from "../redact.js";
import type {
  BatchOutcome,
  BatchProgress,
  BatchReport,
  DuplicateInstance,
  FailedOutcome,
  OutcomeCounts,
  RejectedOutcome,
  SubmittedOutcome,
} from "./report.js";
import { resolveRetryPolicy, retryDelay, type RetryPolicy } from "./retry.js";

export interface BatchOptions<Outcome = unknown> {
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Aborts the run: requests in flight are aborted, chunks not yet sent are reported `skipped`. */
  signal?: AbortSignal;
  /**
   * Soft stop: once aborted, nothing new is sent (chunks not yet sent, and retries, are reported
   * `skipped`) while requests already in flight finish and get their outcomes. Checked again right
   * after `onSend`, so an `onSend` that stops the run keeps that request from leaving.
   */
  stopSending?: AbortSignal;
  /** Called after each chunk. Exceptions it throws are noted in the report, not propagated. */
  onProgress?: (progress: BatchProgress<Outcome>) => void;
  /** Off by default. `true` or a policy retries only failures that prove the request was not processed. */
  retry?: RetryPolicy | boolean;
  /**
   * Instances per request. Must not exceed the spec's `maxItems` (10 for GeminiDB and DDS); for APIs
   * whose spec documents no maximum (TaurusDB, openGauss) it defaults to DEFAULT_CHUNK_SIZE.
   */
  chunkSize?: number;
  /**
   * Called synchronously right before each request (each attempt) is handed to fetch, with the ids it
   * carries: a journal written here knows which instances may have reached the server. Exceptions it
   * throws are noted in the report, and the request is still sent.
   */
  onSend?: (instanceIds: readonly string[]) => void;
  /** Time source of `startedAt` / `submittedAt`, in epoch ms. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_CONCURRENCY = 4;
/** Chunk size for APIs that document no maximum: the documented maximum of the sibling APIs. */
export const DEFAULT_CHUNK_SIZE = 10;

/** What a helper's `send` returns: openapi-fetch's result (the client's non-throwing method). */
export interface ChunkResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Per-instance outcome of a 2xx answer, before the instance's extra fields are added. */
export type AcceptedOutcome<Details> = Omit<SubmittedOutcome<Details>, "submittedAt"> | RejectedOutcome | FailedOutcome;

export interface BatchPlan<Input, Details, Extra> {
  operation: OperationRef & { api: ApiName };
  batch: { readonly minItems: number; readonly maxItems: number | null };
  redact: Redactor;
  key(input: Input): string;
  /** Fields copied onto every outcome of this input (e.g. TaurusDB's currentVersion). */
  extra(input: Input): Extra;
  /** Describes a conflicting duplicate (same key, different input), or undefined when they agree. */
  conflict?(kept: Input, dropped: Input): string | undefined;
  send(chunk: readonly Input[], signal: AbortSignal | undefined): Promise<ChunkResult>;
  /**
   * Reads a 2xx body into one outcome per instance of the chunk. Missing ones become `failed`;
   * `unusable(id, why)` builds the `failed` outcome of an instance whose result cannot be trusted either way.
   */
  accept(
    chunk: readonly Input[],
    data: unknown,
    response: Response,
    notes: string[],
    unusable: (instanceId: string, why: string) => FailedOutcome,
  ): Map<string, AcceptedOutcome<Details>>;
}

function chunkSizeOf(
  batch: BatchPlan<unknown, unknown, unknown>["batch"],
  requested: number | undefined,
  api: string,
): number {
  const size = requested ?? batch.maxItems ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(size) || size < Math.max(1, batch.minItems))
    throw new RangeError(`${api}: chunkSize must be an integer >= ${Math.max(1, batch.minItems)}`);
  if (batch.maxItems !== null && size > batch.maxItems)
    throw new RangeError(`${api}: chunkSize ${size} exceeds the API's maximum of ${batch.maxItems} per request`);
  return size;
}

// A 4xx answer is a decision about the request (bad parameters, auth, state); 408 and 429 are not.
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function emptyCounts(): OutcomeCounts {
  return { submitted: 0, rejected: 0, failed: 0, skipped: 0 };
}

export async function runBatches<Input, Details, Extra>(
  plan: BatchPlan<Input, Details, Extra>,
  inputs: Iterable<Input>,
  options: BatchOptions<BatchOutcome<Details, Extra>> = {},
): Promise<BatchReport<BatchOutcome<Details, Extra>>> {
  type Outcome = BatchOutcome<Details, Extra>;
  const { api, operationId } = plan.operation;
  const chunkSize = chunkSizeOf(plan.batch, options.chunkSize, api);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`${api}: concurrency must be an integer >= 1`);
  const retry = resolveRetryPolicy(options.retry);
  const { signal, stopSending } = options;
  const waitSignal = signal && stopSending ? AbortSignal.any([signal, stopSending]) : (signal ?? stopSending);
  const now = options.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();

  // De-duplicate by instance id, keeping the first occurrence and its position.
  const unique: Input[] = [];
  const indexByKey = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const notes: string[] = [];
  let inputCount = 0;
  for (const input of inputs) {
    const key = plan.key(input);
    inputCount++;
    const seen = indexByKey.get(key);
    if (seen === undefined) {
      indexByKey.set(key, unique.length);
      unique.push(input);
      continue;
    }
    occurrences.set(key, (occurrences.get(key) ?? 1) + 1);
    const conflict = plan.conflict?.(unique[seen]!, input);
    if (conflict !== undefined) notes.push(conflict);
  }
  const duplicates: DuplicateInstance[] = [...occurrences].map(([instanceId, count]) => ({
    instanceId,
    occurrences: count,
  }));
  for (const { instanceId, occurrences: count } of duplicates)
    notes.push(`instance ${instanceId} appeared ${count} times in the input; it was sent once`);

  const chunks: number[][] = [];
  for (let start = 0; start < unique.length; start += chunkSize) {
    chunks.push(Array.from({ length: Math.min(chunkSize, unique.length - start) }, (_, i) => start + i));
  }
  const outcomes: (Outcome | undefined)[] = new Array(unique.length).fill(undefined);
  const counts = emptyCounts();
  let chunksDone = 0;
  let instancesDone = 0;
  let requests = 0;
  let abortSeen = false;

  const settle = (index: number, outcome: Omit<Outcome, keyof Extra>): Outcome => {
    if (outcomes[index] !== undefined) throw new Error(`internal: instance ${plan.key(unique[index]!)} settled twice`);
    const full = { ...outcome, ...plan.extra(unique[index]!) } as Outcome;
    outcomes[index] = full;
    counts[full.status]++;
    return full;
  };

  const runChunk = async (indices: number[]): Promise<Outcome[]> => {
    const chunk = indices.map((i) => unique[i]!);
    const keys = chunk.map((input) => plan.key(input));
    const skipAll = () => {
      abortSeen = true;
      return indices.map((i, n) =>
        settle(i, { status: "skipped", instanceId: keys[n]!, reason: "aborted" } as Omit<Outcome, keyof Extra>),
      );
    };
    const failAll = (error: DbUpgradeError, attempts: number) =>
      indices.map((i, n) =>
        settle(i, {
          status: "failed",
          instanceId: keys[n]!,
          mayHaveReachedServer: error.mayHaveReachedServer,
          error,
          attempts,
        } as Omit<Outcome, keyof Extra>),
      );
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted || stopSending?.aborted) return skipAll();
      let failure: DbUpgradeError;
      try {
        journal(keys);
        if (stopSending?.aborted) return skipAll();
        requests++;
        const submittedAt = new Date(now()).toISOString();
        const { data, error, response } = await plan.send(chunk, signal);
        if (response.ok && data !== undefined) {
          const unusable = (instanceId: string, why: string): FailedOutcome => ({
            status: "failed",
            instanceId,
            mayHaveReachedServer: true,
            attempts: attempt,
            error: new DbUpgradeApiError(
              {
                status: response.status,
                errorCode: undefined,
                errorMsg: undefined,
                requestId: response.headers.get("X-Request-Id") ?? undefined,
              },
              plan.operation,
              { redact: plan.redact, response, reason: why },
            ),
          });
          const accepted = plan.accept(chunk, data, response, notes, unusable);
          return indices.map((i, n) => {
            const found = accepted.get(keys[n]!);
            const outcome =
              found === undefined
                ? unusable(keys[n]!, `but no result for instance ${keys[n]}`)
                : found.status === "submitted"
                  ? { ...found, submittedAt }
                  : found.status === "failed"
                    ? { ...found, attempts: attempt }
                    : found;
            return settle(i, outcome as Omit<Outcome, keyof Extra>);
          });
        }
        failure = response.ok
          ? new DbUpgradeApiError(
              {
                status: response.status,
                errorCode: undefined,
                errorMsg: undefined,
                requestId: response.headers.get("X-Request-Id") ?? undefined,
              },
              plan.operation,
              { redact: plan.redact, response, reason: "and an empty body" },
            )
          : apiErrorFromResponse(error, response, plan.operation, plan.redact);
      } catch (thrown) {
        failure =
          thrown instanceof DbUpgradeError
            ? thrown
            : new DbUpgradeError(`${api}.${operationId}: the request failed`, plan.operation, {
                mayHaveReachedServer: true,
                cause: thrown,
                redact: plan.redact,
              });
      }
      if (failure instanceof DbUpgradeAbortError) {
        abortSeen = true;
        if (!failure.mayHaveReachedServer) {
          requests--;
          return skipAll();
        }
      }
      const delay = retry === undefined ? undefined : retryDelay(failure, attempt, retry);
      if (delay !== undefined && retry !== undefined) {
        await retry.sleep(delay, waitSignal);
        // Stopped while waiting to retry an attempt that may have reached the server (a 503 it answered):
        // that attempt is the outcome, not "skipped" (which promises nothing was sent).
        if ((signal?.aborted || stopSending?.aborted) && failure.mayHaveReachedServer) {
          if (signal?.aborted) abortSeen = true;
          return failAll(failure, attempt);
        }
        continue;
      }
      if (failure instanceof DbUpgradeApiError && isRefusal(failure.status)) {
        return indices.map((i, n) =>
          settle(i, {
            status: "rejected",
            instanceId: keys[n]!,
            scope: "request",
            errorCode: failure.errorCode,
            errorMessage: failure.errorMsg,
            httpStatus: failure.status,
            requestId: failure.requestId,
          } satisfies RejectedOutcome as Omit<Outcome, keyof Extra>),
        );
      }
      return failAll(failure, attempt);
    }
  };

  const journal = (keys: readonly string[]): void => {
    if (options.onSend === undefined) return;
    try {
      options.onSend(keys);
    } catch (error) {
      notes.push(`onSend threw: ${plan.redact(error instanceof Error ? error.message : String(error))}`);
    }
  };

  const report = (latest: readonly Outcome[]): void => {
    if (options.onProgress === undefined) return;
    try {
      options.onProgress({
        chunksDone,
        chunks: chunks.length,
        instancesDone,
        instances: unique.length,
        counts: { ...counts },
        latest,
      });
    } catch (error) {
      notes.push(`onProgress threw: ${plan.redact(error instanceof Error ? error.message : String(error))}`);
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const indices = chunks[next++]!;
      const settled = await runChunk(indices);
      chunksDone++;
      instancesDone += indices.length;
      report(settled);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));

  const complete = outcomes.filter((o): o is Outcome => o !== undefined);
  if (complete.length !== unique.length)
    throw new Error(`internal: ${unique.length - complete.length} instances have no outcome`);
  return {
    api,
    operationId,
    startedAt,
    outcomes: complete,
    counts,
    inputCount,
    duplicates,
    notes,
    chunks: chunks.length,
    chunkSize,
    requests,
    aborted: abortSeen,
  };
}
