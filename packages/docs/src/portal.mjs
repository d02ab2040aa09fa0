// The portal page (site/index.html): the four APIs with their key facts, links to each API page and
// raw spec, and copy-paste samples against the local mock. Every fact comes from the operation
// records (specs metadata + documents); every interpolated value is escaped.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { escapeHtml, escapeUrl } from "./html.mjs";
import { mockOrigin, mockToken } from "./local-mock.mjs";
import { consolePageName } from "./console/console-operations.mjs";

/** @typedef {import("./operations.mjs").OperationDoc} OperationDoc */
/** @typedef {{ op: OperationDoc, typescript: string, curl: string }} PortalOperation */

const css = readFileSync(new URL("../templates/portal.css", import.meta.url), "utf8");
const copyScript = readFileSync(new URL("../templates/portal-copy.js", import.meta.url), "utf8");

/** @param {string} api */
export const apiPageHref = (api) => `${api}.html`;
/** @param {string} api @param {"json" | "yaml"} format */
export const specHref = (api, format) => `specs/${api}.${format}`;

/** @param {string} text */
const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Deep link into an API page (Redoc 3's hash route: `#/<tag slug>/<operationId, lower case>`).
 * The browser tests follow it and check that it lands on the operation.
 * @param {Pick<OperationDoc, "api" | "tag" | "operationId">} op
 */
export function operationHref(op) {
  return `${apiPageHref(op.api)}#/${op.tag ? `${slug(op.tag)}/` : ""}${op.operationId.toLowerCase()}`;
}

/**
 * Escapes a constraint and turns its Markdown code spans into <code>.
 * @param {string} text
 */
function inlineMarkdown(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** @param {OperationDoc["batch"]} batch */
function batchText(batch) {
  if (!batch) return "";
  const range = batch.maxItems === null ? `${batch.minItems} or more` : `${batch.minItems} to ${batch.maxItems}`;
  return `<code>${escapeHtml(batch.property)}</code>: ${escapeHtml(range)} per request`;
}

/** @param {string} id @param {string} code */
function codeBlock(id, code) {
  return `<div class="code"><button type="button" data-copy="${escapeHtml(id)}" hidden>Copy</button><pre><code id="${escapeHtml(id)}">${escapeHtml(code)}</code></pre></div>`;
}

/**
 * The groups of the specs' `x-dbupgrade-group`, in the order of the user's job (plan, submit,
 * follow): what each kind of operation is for. A group the specs add later is shown after these.
 */
const groupTitles = /** @type {Record<string, { title: string, lead: string }>} */ ({
  plan: { title: "Plan", lead: "Which instances need an upgrade, from which version to which." },
  upgrade: { title: "Upgrade", lead: "Submit the batch upgrade." },
  follow: { title: "Follow", lead: "Follow every job or task the upgrade started to its end; cancel a scheduled one." },
});

/**
 * The operations split by group, known groups first in the job's order, each in spec order.
 * @param {PortalOperation[]} operations
 * @returns {[string, PortalOperation[]][]}
 */
export function byGroup(operations) {
  const order = [...Object.keys(groupTitles), ...new Set(operations.map((e) => e.op.group))];
  return [...new Set(order)]
    .map(
      (group) => /** @type {[string, PortalOperation[]]} */ ([group, operations.filter((e) => e.op.group === group)]),
    )
    .filter(([, entries]) => entries.length);
}

/** @param {string} group */
const groupTitle = (group) => groupTitles[group] ?? { title: group, lead: "" };

/** @param {OperationDoc} op */
function requestText(op) {
  if (op.requestContentType !== null) return `<code>${escapeHtml(op.requestContentType)}</code> body`;
  const names = [...Object.keys(op.pathParams).filter((n) => n !== "project_id"), ...Object.keys(op.queryParams)];
  return names.length
    ? `no body; parameters ${names.map((n) => `<code>${escapeHtml(n)}</code>`).join(", ")}`
    : "no body";
}

/**
 * A deprecated ("historical") operation says so first and links the operation that replaces it.
 * @param {OperationDoc} op
 */
export function deprecationNotice(op) {
  if (!op.deprecated || op.replacedBy === null) return "";
  const replacement = { ...op, operationId: op.replacedBy };
  return `<p class="deprecated"><strong>Deprecated</strong>: use <a href="${escapeUrl(operationHref(replacement))}"><code>${escapeHtml(op.replacedBy)}</code></a> instead; the workflow never calls this operation.</p>
  `;
}

/** @param {PortalOperation} entry */
function apiCard({ op }) {
  const facts = [
    ["Service", `<code>${escapeHtml(op.api)}</code>; on the local mock under <code>/${escapeHtml(op.api)}</code>`],
    ["Operation", `${escapeHtml(op.summary)}: <code>${escapeHtml(op.operationId)}</code>`],
    ["Request", `<span class="method">${escapeHtml(op.method)}</span> <code>${escapeHtml(op.path)}</code>`],
    [
      "Success",
      `<span class="status">${escapeHtml(op.successStatus)}</span>; documented ${op.statuses.map((s) => escapeHtml(s)).join(", ")}`,
    ],
    ["Input", requestText(op)],
    ...(op.batch ? [["Batch", batchText(op.batch)]] : []),
    ...(op.language
      ? [
          [
            "Language",
            `<code>${escapeHtml(op.language.name)}</code>: ${op.language.values.map((v) => `<code>${escapeHtml(v)}</code>`).join(", ")}`,
          ],
        ]
      : []),
    ["Spec", `version ${escapeHtml(op.specVersion)}, OpenAPI ${escapeHtml(op.openapiVersion)}`],
  ];
  // The upgrade card introduces its service (and keeps the `#api-<name>` anchor); the others name their operation.
  const upgrade = op.group === "upgrade";
  return `<article class="card" id="${escapeHtml(upgrade ? `api-${op.api}` : `op-${op.api}-${op.operationId}`)}" data-api="${escapeHtml(op.api)}" data-operation="${escapeHtml(op.operationId)}" data-group="${escapeHtml(op.group)}">
  <h3><a href="${escapeUrl(upgrade ? apiPageHref(op.api) : operationHref(op))}">${escapeHtml(upgrade ? op.service : op.summary)}</a></h3>
  <p class="summary">${escapeHtml(upgrade ? op.serviceSummary : op.service)}</p>
  ${deprecationNotice(op)}<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>
  ${
    op.constraints.length
      ? `<h4>Key constraints</h4>
  <ul>${op.constraints.map((c) => `<li>${inlineMarkdown(c)}</li>`).join("")}</ul>`
      : ""
  }
  <p class="links"><a href="${escapeUrl(apiPageHref(op.api))}">API reference</a><a href="${escapeUrl(operationHref(op))}">Operation <code>${escapeHtml(op.operationId)}</code></a><a href="${escapeUrl(`console/${consolePageName(op)}`)}">Try it in the console</a><a href="${escapeUrl(specHref(op.api, "json"))}" download>OpenAPI JSON</a><a href="${escapeUrl(specHref(op.api, "yaml"))}" download>OpenAPI YAML</a></p>
</article>`;
}

/** @param {[string, PortalOperation[]][]} groups */
function groupedCards(groups) {
  return groups
    .map(
      ([group, entries]) => `<section class="group" id="group-${escapeHtml(group)}" data-group="${escapeHtml(group)}">
<h3 class="group-title">${escapeHtml(groupTitle(group).title)}</h3>
<p class="group-lead">${escapeHtml(groupTitle(group).lead)}</p>
<div class="cards">
${entries.map(apiCard).join("\n")}
</div>
</section>`,
    )
    .join("\n");
}

/** @param {[string, PortalOperation[]][]} groups */
function groupedSamples(groups) {
  let index = 0;
  return groups
    .map(
      ([group, entries]) => `<h3 class="group-title">${escapeHtml(groupTitle(group).title)}</h3>
${entries.map((entry) => tryIt(entry, index++)).join("\n")}`,
    )
    .join("\n");
}

/** @param {PortalOperation} entry @param {number} index */
function tryIt({ op, typescript, curl }, index) {
  const id = `${op.api}-${op.operationId}`;
  return `<details${index === 0 ? " open" : ""} data-api="${escapeHtml(op.api)}" data-group="${escapeHtml(op.group)}">
  <summary>${escapeHtml(op.service)}: ${escapeHtml(op.operationId)}, ${escapeHtml(op.method)} ${escapeHtml(op.path)} → ${escapeHtml(op.successStatus)}</summary>
  <h4>curl</h4>
  ${codeBlock(`curl-${id}`, curl)}
  <h4>TypeScript (@dbupgrade/client)</h4>
  ${codeBlock(`ts-${id}`, typescript)}
</details>`;
}

/** @param {string} text */
const sha256 = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/**
 * The portal's HTML.
 * @param {PortalOperation[]} operations
 * @returns {string}
 */
export function renderPortal(operations) {
  const groups = byGroup(operations);
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(copyScript)}`,
    `style-src ${sha256(css)}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dbupgrade: Huawei Cloud database batch-upgrade APIs</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<style>${css}</style>
</head>
<body>
<header>
<h1>Huawei Cloud database batch-upgrade APIs</h1>
<p class="lead">Reference docs for ${escapeHtml(operations.length)} operations of ${escapeHtml(new Set(operations.map((e) => e.op.api)).size)} services, rendered from this repository's OpenAPI specs. Everything here works offline; the code samples run against the local mock server.</p>
</header>
<main>
<section id="apis">
<h2>APIs</h2>
${groupedCards(groups)}
</section>
<section id="try">
<h2>Try it against the local mock</h2>
<p><a href="console/index.html">The console</a> sends any operation from the browser: pick a spec example, send it with a token or AK/SK signing (with a signature debugger), read the answer, copy it as curl or TypeScript.</p>
<p><code>pnpm start</code> serves these docs and the mock server at <code>${escapeHtml(mockOrigin)}</code>. The mock accepts the token <code>${escapeHtml(mockToken)}</code> (or AK/SK signing) and any 32-character project ID, and its seeded instances reproduce the spec examples. Copy a command, run it in a terminal. The mock keeps state as the service does: an instance whose upgrade is still running rejects the next upgrade request (<code>DBS.200011</code>), and a TaurusDB instance reports its new version once upgraded; restart <code>pnpm start</code> for a fresh fleet.</p>
${groupedSamples(groups)}
</section>
</main>
<footer>Generated from <code>@dbupgrade/specs</code> by <code>@dbupgrade/docs</code>; API pages rendered with Redoc.</footer>
<script>${copyScript}</script>
</body>
</html>
`;
}
