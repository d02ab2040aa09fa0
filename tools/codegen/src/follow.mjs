// @ts-check
// `x-dbupgrade-follow` on a follow operation: how an upgrade started by a batch operation is followed with it
// (which batch it follows, where the rows are, the status field and which of its words end a job, how a row is
// matched to an instance, the query that selects the upgrade's rows). Modelled on Smithy waiters' acceptors and
// x-speakeasy-polling's success/failure criteria, which say the same for one resource. Checked here so that a
// spec that contradicts itself fails generation instead of reaching the client.

const OUTCOMES = ["pending", "completed", "failed", "cancelled"];
const MATCH_KINDS = ["job-id", "instance-and-time"];
const FIELD_ROLES = ["progress", "failReason", "startsAt", "endedAt", "version"];

/**
 * @param {any} doc the bundled document
 * @param {string} operationId
 * @param {any} raw the extension's value
 * @param {(node: any) => any} resolve resolves a $ref
 * @param {Record<string, any>} operations every operation of the document by operationId (for `follows`)
 */
export function followMeta(doc, operationId, raw, resolve, operations) {
  if (raw === undefined) return null;
  const fail = (/** @type {string} */ why) => {
    throw new Error(`${operationId}: x-dbupgrade-follow ${why}`);
  };
  const batch = operations[raw.follows];
  if (batch === undefined || (batch["x-dbupgrade-group"] ?? "upgrade") !== "upgrade")
    fail(`follows ${JSON.stringify(raw.follows)}, which is not a batch (upgrade) operation of this API`);
  if ((raw.rows === undefined) === (raw.row === undefined)) fail("needs exactly one of rows (a list) and row (one)");
  const status = raw.status ?? {};
  const values = status.values ?? [];
  if (typeof status.field !== "string" || values.length === 0) fail("status needs a field and its values");
  for (const outcome of OUTCOMES) {
    for (const word of status[outcome] ?? fail(`status.${outcome} is missing (use [] for none)`))
      if (!values.includes(word)) fail(`status.${outcome} holds ${word}, which is not one of status.values`);
  }
  const ended = [...status.completed, ...status.failed, ...status.cancelled];
  if (new Set([...ended, ...status.pending]).size !== ended.length + status.pending.length)
    fail("status lists a word under two outcomes");
  if (status.completed.length === 0) fail("status.completed is empty: nothing ends a job successfully");
  const match = raw.match ?? {};
  if (!MATCH_KINDS.includes(match.by)) fail(`match.by must be one of ${MATCH_KINDS}`);
  if (match.by === "instance-and-time" && (!match.instanceField || !match.createdField))
    fail("match by instance-and-time needs instanceField and createdField");
  if (match.by === "job-id" && (!match.jobIdField || !match.jobIdQuery))
    fail("match by job-id needs jobIdField and jobIdQuery");
  for (const role of Object.keys(raw.fields ?? {}))
    if (!FIELD_ROLES.includes(role)) fail(`fields.${role} is not one of ${FIELD_ROLES}`);

  // Every field and query parameter named must exist in the operation's schema: a typo fails here.
  const op = Object.values(doc.paths)
    .flatMap((item) => Object.values(item))
    .find((o) => o?.operationId === operationId);
  const queryNames = new Set(
    [...(op.parameters ?? [])].map(resolve).flatMap((p) => (p.in === "query" ? [p.name] : [])),
  );
  const body = resolve(resolve(op.responses["200"])?.content?.["application/json"]?.schema);
  const container = resolve(body?.properties?.[raw.rows ?? raw.row]);
  const row = resolve(raw.rows !== undefined ? container?.items : container);
  if (row?.properties === undefined) fail(`names ${raw.rows ?? raw.row}, which is not an object (list) in the answer`);
  const fieldNames = [
    status.field,
    match.jobIdField,
    match.instanceField,
    match.createdField,
    ...Object.values(raw.fields ?? {}),
  ].filter((f) => f !== undefined);
  for (const field of fieldNames)
    if (!(field in row.properties)) fail(`names the row field ${field}, not in the answer`);
  const queries = [
    match.jobIdQuery,
    match.instanceQuery,
    raw.listing?.createdAfterQuery,
    ...Object.keys(raw.filter ?? {}),
  ];
  for (const query of queries.filter((q) => q !== undefined))
    if (!queryNames.has(query)) fail(`names the query parameter ${query}, which the operation does not take`);

  return {
    follows: raw.follows,
    when: raw.when ?? null,
    rows: raw.rows ?? null,
    row: raw.row ?? null,
    status: {
      field: status.field,
      values,
      pending: status.pending,
      completed: status.completed,
      failed: status.failed,
      cancelled: status.cancelled,
    },
    match: {
      by: match.by,
      jobIdField: match.jobIdField ?? null,
      jobIdQuery: match.jobIdQuery ?? null,
      instanceField: match.instanceField ?? null,
      instanceQuery: match.instanceQuery ?? null,
      createdField: match.createdField ?? null,
    },
    filter: raw.filter ?? {},
    fields: {
      progress: raw.fields?.progress ?? null,
      failReason: raw.fields?.failReason ?? null,
      startsAt: raw.fields?.startsAt ?? null,
      endedAt: raw.fields?.endedAt ?? null,
      version: raw.fields?.version ?? null,
    },
    createdAfterQuery: raw.listing?.createdAfterQuery ?? null,
    notFoundStatus: raw.notFoundStatus ?? null,
    visibilityDelay: raw.visibilityDelay ?? null,
  };
}
