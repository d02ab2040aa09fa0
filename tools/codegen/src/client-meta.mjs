// The client's slice of the runtime facts: only what `buildServiceClient` reads to make a call
// (endpoints, and per operation its method, path, success status, X-Language and request media
// type). A browser app that only submits bundles this, not the summaries, constraints, follow
// declarations and plan-operation facts the mocks, docs and workflow read from the full meta.

/** The fields of one operation the client reads (kept in the order of the full meta). */
export const CLIENT_OPERATION_FIELDS = [
  "operationId",
  "method",
  "path",
  "successStatus",
  "language",
  "requestContentType",
];

/** The client slice of one API's meta (the object `operationMeta` returns, with `api`). */
export function clientMeta(meta) {
  const operations = {};
  for (const [id, op] of Object.entries(meta.operations)) {
    operations[id] = Object.fromEntries(CLIENT_OPERATION_FIELDS.map((field) => [field, op[field]]));
  }
  return { api: meta.api, endpoints: meta.endpoints, operations };
}

/** The generated `<api>.meta.client.ts` (path -> content) and the index that re-exports every slice. */
export function clientMetaFiles(dir, banner, metas) {
  const literal = (value) => JSON.stringify(value, null, 2);
  const files = new Map();
  for (const meta of metas) {
    files.set(
      `${dir}/${meta.api}.meta.client.ts`,
      `${banner}// What the ${meta.api} client reads to make a call: endpoints, method, path, statuses, media type.\n` +
        `export const ${meta.api}ClientMeta = ${literal(clientMeta(meta))} as const;\n`,
    );
  }
  files.set(
    `${dir}/client-meta-index.ts`,
    `${banner}${metas.map((m) => `export { ${m.api}ClientMeta } from "./${m.api}.meta.client.js";\n`).join("")}`,
  );
  return files;
}
