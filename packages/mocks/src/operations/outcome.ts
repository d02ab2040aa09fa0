import type { ApiName } from "@dbupgrade/specs";
import { messages, specErrors, type Language } from "../errors.js";
import type { Fleet } from "../fleet.js";

/** What an operation answers, before the handler adds X-Request-Id and serializes it. */
export interface Outcome {
  status: number;
  /** `undefined`: an empty body (openGauss cancelScheduleTask's 200). */
  body: unknown;
}

export interface OperationInput {
  api: ApiName;
  fleet: Fleet;
  /** The request body, already valid against the spec's schema (undefined for operations without one). */
  body: unknown;
  /** Query parameters, already valid against the spec (first value of each name). */
  query: Readonly<Record<string, string>>;
  /** Path parameters (project_id, instance_id, task_id). */
  params: Readonly<Record<string, string>>;
  language: Language;
  successStatus: number;
  /** Instances to refuse as if their status did not allow the upgrade (the `partialFailure` preset). */
  forceReject?: ReadonlySet<string>;
}

/** Several problems of one all-or-nothing batch: the first one's code, every message (up to 5). */
export function batchError(problems: { code: string; message: string }[]): Outcome {
  // Each problem is a sentence, so several read apart ("…not a calendar date. The DB instance…").
  const shown = problems.slice(0, 5).map((p) => (/[.。]$/.test(p.message) ? p.message : `${p.message}.`));
  const more = problems.length > 5 ? ` And ${problems.length - 5} more.` : "";
  return { status: 400, body: { error_code: problems[0]!.code, error_msg: shown.join(" ") + more } };
}

/** The documented 400 (DBS.200001) naming what is wrong. */
export function parameterError(input: OperationInput, details: string): Outcome {
  return {
    status: 400,
    body: {
      error_code: specErrors().parameterError.error_code,
      error_msg: messages(input.language).parameterError(details),
    },
  };
}
