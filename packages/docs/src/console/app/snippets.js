// "Copy as curl" and "Copy as TypeScript" from what the console actually sent. Credentials are
// never written out: the token and the keys become environment variables. An AK/SK curl carries
// the request's own Authorization and X-Sdk-Date (curl cannot sign; the mock accepts the pair for
// 15 minutes and for these exact bytes only).

/** @typedef {import("./send.js").SentRequest} SentRequest */
/** @typedef {import("../console-operations.mjs").ConsoleOperation} ConsoleOperation */

/** Single-quoted for POSIX shells. @param {string} text */
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Headers the browser adds or that are not the caller's to choose. */
const browserHeaders = new Set(["host", "content-length", "connection", "origin", "referer", "user-agent"]);

/**
 * @param {SentRequest} sent
 * @param {"token" | "aksk"} scheme
 */
export function curlCommand(sent, scheme) {
  const lines = [`curl -i -X ${sent.method} ${shellQuote(sent.url)}`];
  for (const [name, value] of sent.headers) {
    if (browserHeaders.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === "x-auth-token") lines.push(`-H "X-Auth-Token: $DBUPGRADE_TOKEN"`);
    else lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (sent.body !== null) lines.push(`--data-binary ${shellQuote(sent.body)}`);
  const command = lines.join(" \\\n  ");
  const note =
    scheme === "token"
      ? "# The token is read from DBUPGRADE_TOKEN (the local mock's is in the console's Auth section).\n"
      : "# Signed by the console: replays within 15 minutes of X-Sdk-Date, for these exact bytes only.\n";
  return note + command;
}

/** A JSON text as a TypeScript expression (JSON is one), or null when it does not parse. @param {string | null} text */
function bodyExpression(text) {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2).replace(/\n/g, "\n  ");
  } catch {
    return null;
  }
}

/**
 * @param {ConsoleOperation} op
 * @param {{ baseUrl: string, scheme: "token" | "aksk", pathParams: Record<string, string>, query: Record<string, string>,
 *   headers: Record<string, string>, bodyText: string | null }} input
 */
export function typescriptSnippet(op, input) {
  const auth =
    input.scheme === "token"
      ? "{ token: process.env.DBUPGRADE_TOKEN! }"
      : "{ accessKey: process.env.DBUPGRADE_AK!, secretKey: process.env.DBUPGRADE_SK! }";
  /** @type {string[]} */
  const params = [];
  const add = (/** @type {string} */ where, /** @type {Record<string, string>} */ values) => {
    const entries = Object.entries(values).filter(([, v]) => v !== "");
    if (entries.length)
      params.push(`${where}: { ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`);
  };
  add("path", input.pathParams);
  add("query", input.query);
  add("header", input.headers);
  const body = op.body ? bodyExpression(input.bodyText) : null;
  const init = [`params: { ${params.join(", ")} }`];
  if (op.body && body !== null) init.push(`body: ${body}`);
  if (op.body && op.body.contentType !== "application/json")
    init.push(`headers: { "Content-Type": ${JSON.stringify(op.body.contentType)} }`);
  const lines = [
    `import { ${op.clientFactory} } from "@dbupgrade/client";`,
    "",
    `const client = ${op.clientFactory}({`,
    `  baseUrl: ${JSON.stringify(input.baseUrl)},`,
    `  projectId: ${JSON.stringify(input.pathParams["project_id"] ?? "")},`,
    `  auth: ${auth},`,
    "});",
    "",
    `const { data, error, response } = await client.raw.${op.method.toUpperCase()}(${JSON.stringify(op.path)}, {`,
    ...init.map((part) => `  ${part},`),
    "});",
    `console.log(response.status, response.headers.get("X-Request-Id"), data ?? error);`,
  ];
  if (op.body && body === null && input.bodyText !== null)
    lines.unshift("// The console sent a body that is not JSON; the typed client only sends JSON bodies.");
  return lines.join("\n");
}
