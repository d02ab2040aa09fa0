// Type-level view of the four operations, from the generated @dbupgrade/types: what an override
// may answer (documented statuses and their bodies) is checked by the compiler.
import type { ApiName } from "@dbupgrade/specs";
import type { operations as DdsOperations } from "@dbupgrade/types/dds";
import type { operations as GaussDbOperations } from "@dbupgrade/types/gaussdb";
import type { operations as GeminiDbOperations } from "@dbupgrade/types/geminidb";
import type { operations as TaurusDbOperations } from "@dbupgrade/types/taurusdb";

export interface ApiOperations {
  geminidb: GeminiDbOperations;
  taurusdb: TaurusDbOperations;
  dds: DdsOperations;
  gaussdb: GaussDbOperations;
}

export type OperationIdOf<A extends ApiName> = keyof ApiOperations[A] & string;

type ResponsesOf<A extends ApiName, O extends OperationIdOf<A>> = ApiOperations[A][O] extends { responses: infer R }
  ? R
  : never;

type JsonBodyOf<R> = R extends { content: { "application/json": infer B } } ? B : never;

/** The JSON body of an operation's request. */
export type RequestBodyOf<A extends ApiName, O extends OperationIdOf<A>> = ApiOperations[A][O] extends {
  requestBody: { content: infer C };
}
  ? C[keyof C]
  : never;

/**
 * A response an override may give: one of the operation's documented statuses with the body the
 * spec declares for it. An operation with a `default` response also takes any other status
 * (400-599) with the default body.
 */
export type DocumentedResponse<A extends ApiName, O extends OperationIdOf<A>> = {
  [S in keyof ResponsesOf<A, O>]: S extends number
    ? { status: S; body: JsonBodyOf<ResponsesOf<A, O>[S]>; headers?: Record<string, string> }
    : S extends "default"
      ? { status: number; body: JsonBodyOf<ResponsesOf<A, O>[S]>; headers?: Record<string, string> }
      : never;
}[keyof ResponsesOf<A, O>];

/** The documented statuses of an operation (`default` excluded). */
export type DocumentedStatus<A extends ApiName, O extends OperationIdOf<A>> = Extract<keyof ResponsesOf<A, O>, number>;
