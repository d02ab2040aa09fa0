// The console's HTML: one page per operation (its form prerendered from the spec: target, auth,
// each parameter, the body editor with a picker of the named examples) and an index of all
// operations. The behaviour is one shared script (console.js); the operation's data rides along as
// a JSON data block, which is not a script. Every interpolated value is escaped.
import { escapeHtml, escapeUrl } from "../html.mjs";
import { operationHref } from "../portal.mjs";
import { mockToken } from "../local-mock.mjs";
import { defaultMockCredentials } from "@dbupgrade/mocks";
import { consolePageName } from "./console-operations.mjs";

/** @typedef {import("./console-operations.mjs").ConsoleOperation} ConsoleOperation */

/**
 * The console pages' policy. Compared with the API pages: scripts and styles from the site itself
 * (one shared file each, no inline script), connections to the docs origin and to loopback ports
 * (the mock, or a local proxy given as a custom base URL), and Trusted Types so that no code path
 * can turn a string into markup.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

/** A JSON data block: `<` escaped so that no `</script>` or `<!--` inside ends or changes it. @param {unknown} value */
const jsonBlock = (value) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/** @param {string} title @param {string} body */
function pageShell(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(consoleContentSecurityPolicy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="console.css">
<script type="module" src="console.js"></script>
</head>
<body>
${body}
</body>
</html>
`;
}

/** @param {ConsoleOperation["parameters"][number]} param */
function parameterField(param) {
  const id = `param-${param.in}-${param.name}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const hint = `${param.in}${param.required ? ", required" : ""}${param.enum ? "" : `, ${param.type}`}`;
  const data = `data-in="${escapeHtml(param.in)}" data-name="${escapeHtml(param.name)}"`;
  // The first paragraph, Markdown links reduced to their text (the page links nowhere off-site).
  const description = (param.description.split(/\n\s*\n/)[0] ?? "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const control = param.enum
    ? `<select id="${id}" ${data}${param.required ? " required" : ""} aria-describedby="${id}-help">${param.required ? "" : `<option value="">(not sent)</option>`}${param.enum
        .map(
          (v) => `<option${param.required && String(v) === param.example ? " selected" : ""}>${escapeHtml(v)}</option>`,
        )
        .join("")}</select>`
    : // Required parameters start with the spec's example; optional ones start empty (not sent), the example as a hint.
      `<input id="${id}" ${data} ${param.required ? `value="${escapeHtml(param.example)}" required` : `value="" placeholder="${escapeHtml(param.example ? `e.g. ${param.example}` : "not sent")}"`} autocomplete="off" spellcheck="false" aria-describedby="${id}-help">`;
  return `<div class="field"><label for="${id}"><code>${escapeHtml(param.name)}</code> <span class="hint">${escapeHtml(hint)}</span></label>${control}<p class="help" id="${id}-help">${escapeHtml(description)}</p></div>`;
}

/** @param {ConsoleOperation["body"]} body */
function bodyFields(body) {
  if (!body) return `<p class="help">This operation takes no request body.</p>`;
  const options = body.examples
    .map(
      (e, i) => `<option value="${i}">${escapeHtml(e.name)}${e.summary ? `: ${escapeHtml(e.summary)}` : ""}</option>`,
    )
    .join("");
  const first = body.examples[0];
  const text = first ? JSON.stringify(first.value, null, 2) : "{}";
  return `<div class="field"><label for="example">Example from the spec</label><select id="example">${options}</select></div>
<div class="field"><label for="body">JSON body <span class="hint">${escapeHtml(body.contentType)}${body.required ? ", required" : ""}</span></label>
<textarea id="body" rows="${Math.min(24, Math.max(6, text.split("\n").length + 1))}" spellcheck="false" autocomplete="off" aria-describedby="check">${escapeHtml(text)}</textarea></div>`;
}

/** @param {ConsoleOperation} op */
function authFields(op) {
  return `<fieldset id="auth"><legend>Authentication</legend>
<div class="choice" role="radiogroup" aria-label="Scheme">
<label><input type="radio" name="scheme" value="token" checked> IAM token (<code>X-Auth-Token</code>)</label>
<label><input type="radio" name="scheme" value="aksk"> AK/SK (<code>SDK-HMAC-SHA256</code>, signed in this page)</label>
</div>
<div class="field" data-scheme="token"><label for="token">Token</label><input id="token" type="password" value="${escapeHtml(mockToken)}" autocomplete="off" spellcheck="false"></div>
<div class="field" data-scheme="aksk" hidden><label for="access-key">Access key (AK)</label><input id="access-key" value="${escapeHtml(defaultMockCredentials.accessKey)}" autocomplete="off" spellcheck="false"></div>
<div class="field" data-scheme="aksk" hidden><label for="secret-key">Secret key (SK)</label><input id="secret-key" type="password" value="${escapeHtml(defaultMockCredentials.secretKey)}" autocomplete="off" spellcheck="false"></div>
<p class="help">Prefilled with the local mock's test credentials (not secrets). What you type stays in this page's memory: never in the URL, local storage or a log, and the copied code reads it from environment variables.</p>
<label class="remember"><input type="checkbox" id="remember"> Keep the credentials in this tab's session storage (cleared when the tab closes)</label>
</fieldset>`;
}

/**
 * @param {ConsoleOperation} op
 * @returns {string}
 */
export function renderConsolePage(op) {
  const apiPage = `../${operationHref({ api: op.api, tag: op.tag, operationId: op.operationId })}`;
  const parameters = op.parameters.length
    ? op.parameters.map(parameterField).join("\n")
    : `<p class="help">No parameters.</p>`;
  const body = `<a class="skip" href="#request">Skip to the request</a>
<header>
<nav aria-label="Breadcrumb"><a href="../index.html">Portal</a> › <a href="${escapeUrl(apiPage)}">${escapeHtml(op.service)}</a> › <a href="index.html">Console</a></nav>
<h1>${escapeHtml(op.summary)}</h1>
<p class="op"><span class="method">${escapeHtml(op.method)}</span> <code>${escapeHtml(op.path)}</code> <span class="opid">${escapeHtml(op.api)}.${escapeHtml(op.operationId)}</span> · success <span class="status">${escapeHtml(op.successStatus)}</span> · documented ${op.statuses.map((s) => escapeHtml(s)).join(", ")} · <a href="${escapeUrl(apiPage)}">reference</a></p>
</header>
<main class="console">
<form id="request" novalidate aria-label="Request">
<fieldset id="target"><legend>Target</legend>
<div class="field"><label for="base-url">Base URL</label><input id="base-url" value="${escapeHtml(op.defaultBaseUrl)}" autocomplete="off" spellcheck="false" aria-describedby="base-url-help"></div>
<p class="help" id="base-url-help">The local mock that <code>pnpm start</code> runs (under <code>/${escapeHtml(op.api)}</code>), or another server on this machine (127.0.0.1 or localhost): the page sends nothing elsewhere.</p>
</fieldset>
${authFields(op)}
<fieldset id="parameters"><legend>Parameters</legend>
${parameters}
</fieldset>
<fieldset id="body-fields"><legend>Body</legend>
${bodyFields(op.body)}
</fieldset>
<div id="check" class="check" role="status" aria-live="polite"></div>
<p><button type="submit" id="send">Send request</button> <span id="sending" role="status" aria-live="polite"></span></p>
</form>
<div class="results">
<section id="response" aria-labelledby="response-title" hidden><h2 id="response-title" tabindex="-1">Response</h2><div id="response-summary"></div>
<h3>Headers</h3><table id="response-headers"><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead><tbody></tbody></table>
<h3>Body</h3><pre id="response-body" tabindex="0"></pre></section>
<section id="copy" aria-labelledby="copy-title" hidden><h2 id="copy-title">What was sent</h2>
<h3>curl</h3><div class="code"><button type="button" data-copy="curl-code">Copy curl</button><pre tabindex="0"><code id="curl-code"></code></pre></div>
<h3>TypeScript (<code>@dbupgrade/client</code>)</h3><div class="code"><button type="button" data-copy="ts-code">Copy TypeScript</button><pre tabindex="0"><code id="ts-code"></code></pre></div></section>
</div>
<section id="signature" aria-labelledby="signature-title" hidden><h2 id="signature-title">Signature debugger</h2><div id="signature-steps"></div><div id="signature-compare"></div></section>
</main>
<script type="application/json" id="operation-data">${jsonBlock(op)}</script>`;
  return pageShell(`Try it: ${op.summary} (${op.service}) · dbupgrade console`, body);
}

/**
 * The console's index: every operation, grouped by service.
 * @param {ConsoleOperation[]} operations
 */
export function renderConsoleIndex(operations) {
  /** @type {Map<string, ConsoleOperation[]>} */
  const byService = new Map();
  for (const op of operations) byService.set(op.service, [...(byService.get(op.service) ?? []), op]);
  const sections = [...byService]
    .map(
      ([service, ops]) =>
        `<section><h2>${escapeHtml(service)}</h2><ul class="ops">${ops
          .map(
            (op) =>
              `<li><a href="${escapeUrl(consolePageName(op))}"><span class="method">${escapeHtml(op.method)}</span> ${escapeHtml(op.summary)}</a> <code>${escapeHtml(op.path)}</code></li>`,
          )
          .join("")}</ul></section>`,
    )
    .join("\n");
  const body = `<header>
<nav aria-label="Breadcrumb"><a href="../index.html">Portal</a> › Console</nav>
<h1>Try the APIs against the local mock</h1>
<p class="op">One page per operation, generated from the specs: pick an example, send it with a token or AK/SK signing, read the answer, copy it as curl or TypeScript.</p>
</header>
<main>
${sections}
</main>`;
  return pageShell("dbupgrade console: try every operation", body);
}
