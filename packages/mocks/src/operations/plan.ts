// What every service's plan operations share: the instance list's filters and pages, the common
// fields of a listed instance (status words from the service's profile) and the not-found answer.
// All read the fleet, so an upgrade that completed shows up here (the "confirm" step of plan ->
// submit -> follow -> confirm). Each service's own answers are in services/<api>/plan.ts.
import type { ApiName } from "@dbupgrade/specs";
import { messages, undocumentedCodes } from "../errors.js";
import type { MockInstance } from "../fleet-types.js";
import { serviceProfiles } from "../services/profiles.js";
import type { OperationInput, Outcome } from "./outcome.js";
import { intQuery, page } from "./query.js";
import { hasTags, parseTagQuery } from "../instance-tags.js";

export const major = (version: string) => version.split(".").slice(0, 2).join(".");
export const running = (i: MockInstance) => i.upgrade?.status === "running";

/** The service's status word for an instance (lower case for GeminiDB/DDS, upper case for TaurusDB/openGauss). */
function statusWord(api: ApiName, i: MockInstance): string {
  const words = serviceProfiles[api].statusWords;
  if (i.status === "frozen") return words.frozen;
  if (i.status === "abnormal") return words.abnormal;
  return running(i) ? words.upgrading : words.normal;
}

/** `*abc` matches ids or names containing `abc` (GeminiDB's fuzzy match); anything else matches exactly. */
function matches(value: string, wanted: string | undefined): boolean {
  if (wanted === undefined || wanted === "") return true;
  return wanted.startsWith("*") ? value.includes(wanted.slice(1)) : value === wanted;
}

export function selected(input: OperationInput): MockInstance[] {
  const { id, name } = input.query;
  // The `tags` query: only the lists whose spec has it send it (GeminiDB's has none), so it is honoured here.
  const tags = parseTagQuery(input.query.tags);
  return input.fleet
    .instances(input.api)
    .filter((i) => matches(i.id, id) && matches(i.name, name) && hasTags(i.tags, tags));
}

export function paged<T>(input: OperationInput, rows: T[]): { instances: T[]; total_count: number } {
  const { items, total } = page(rows, intQuery(input, "offset", 0), intQuery(input, "limit", 100));
  return { instances: items, total_count: total };
}

export function common(api: ApiName, i: MockInstance) {
  return { id: i.id, name: i.name, status: statusWord(api, i), maintenance_window: i.maintenanceWindow };
}

export function notFound(input: OperationInput, id: string): Outcome {
  // A service whose spec documents its own not-found code (TaurusDB) answers with it; the others with
  // the undocumented one the services are seen to give.
  const code = serviceProfiles[input.api].documentsNotFound
    ? serviceProfiles[input.api].notFoundCode()
    : undocumentedCodes.instanceNotFound;
  return { status: 400, body: { error_code: code, error_msg: messages(input.language).instanceNotFound(id) } };
}
