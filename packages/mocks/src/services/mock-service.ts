// One service of the mock: its profile and the simulated behaviour of each operation of its spec.
import type { ApiName } from "@dbupgrade/specs";
import type { OperationInput, Outcome } from "../operations/outcome.js";
import type { OperationIdOf } from "../operation-types.js";
import type { ServiceProfile } from "./service-profile.js";

export type OperationBehaviour = (input: OperationInput) => Outcome;

export interface MockService<A extends ApiName> {
  readonly profile: ServiceProfile<A>;
  /** One behaviour per operation of the spec: the mapped type fails to compile if the spec gains one. */
  readonly operations: { readonly [O in OperationIdOf<A>]: OperationBehaviour };
}
