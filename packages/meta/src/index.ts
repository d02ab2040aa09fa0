// Small runtime facts of each API (paths, statuses, batch limits, endpoints), generated from the specs.
// No dependencies and no documents: the client and browser bundles import this, not @dbupgrade/specs.
import type { apiMeta } from "./generated/meta-index.js";

export { apiNames, type ApiName } from "./generated/apis.js";
export * from "./generated/meta-index.js";
// The client's slice of each (what a call reads): a submit-only browser app bundles only this.
export * from "./generated/client-meta-index.js";

export type ApiMeta = (typeof apiMeta)[keyof typeof apiMeta];
export type OperationMeta = {
  [A in keyof typeof apiMeta]: (typeof apiMeta)[A]["operations"][keyof (typeof apiMeta)[A]["operations"]];
}[keyof typeof apiMeta];
export { compareVersions } from "./versions.js";
