// Renders the live check, the answer and the signature debugger, with textContent only.
import { byId, el, fill } from "./dom.js";

/** @typedef {import("../console-operations.mjs").ConsoleOperation} ConsoleOperation */
/** @typedef {import("./send.js").Received} Received */
/** @typedef {import("./signature.js").SignatureSteps} SignatureSteps */
/** @typedef {ReturnType<typeof import("./signature.js").compareSignatures>} Comparison */

/**
 * @param {{ target: string | null, issues: { location: string, message: string }[], message: string }} result
 * @param {ConsoleOperation} op
 */
export function renderCheck(result, op) {
  const box = byId("check");
  box.className = `check ${result.target || result.issues.length ? "bad" : "good"}`;
  if (result.target) return fill(box, [el("p", {}, [result.target])]);
  if (!result.issues.length) return fill(box, [el("p", {}, ["The request matches the spec."])]);
  fill(box, [
    el("p", {}, [`The mock will answer 400 ${op.parameterError.code}:`]),
    el("p", { class: "message", id: "check-message" }, [result.message]),
    el(
      "ul",
      {},
      result.issues.map((issue) => el("li", {}, [el("code", {}, [issue.location]), ` ${issue.message}`])),
    ),
  ]);
}

/** Pretty JSON when the body is JSON, else the text as it came. @param {string} text */
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** @param {number} status @param {ConsoleOperation} op */
function statusNote(status, op) {
  if (status === op.successStatus) return "the documented success";
  return op.statuses.includes(status) ? "documented for this operation" : "not documented for this operation";
}

/** @param {Received} received @param {ConsoleOperation} op */
export function renderResponse(received, op) {
  byId("response").hidden = false;
  const requestId = received.headers.find(([name]) => name.toLowerCase() === "x-request-id")?.[1];
  fill(byId("response-summary"), [
    el("p", { class: "status-line" }, [
      el("span", { class: `badge ${received.status < 300 ? "ok" : "err"}`, id: "response-status" }, [
        `${received.status} ${received.statusText}`.trim(),
      ]),
      ` ${statusNote(received.status, op)} · `,
      el("span", { id: "response-time" }, [`${received.ms.toFixed(0)} ms`]),
      " · X-Request-Id ",
      el("code", { id: "response-request-id" }, [requestId ?? "(none)"]),
    ]),
  ]);
  const tbody = /** @type {HTMLElement} */ (byId("response-headers").querySelector("tbody"));
  fill(
    tbody,
    received.headers.map(([name, value]) =>
      el("tr", {}, [el("td", {}, [el("code", {}, [name])]), el("td", {}, [value])]),
    ),
  );
  byId("response-body").textContent = pretty(received.body);
}

/** @param {string} message @param {ConsoleOperation} op */
export function renderFailure(message, op) {
  byId("response").hidden = false;
  fill(byId("response-summary"), [
    el("p", { class: "status-line" }, [
      el("span", { class: "badge err", id: "response-status" }, ["No answer"]),
      ` ${message}. Is the mock running (pnpm start), and is the base URL right? It serves this API under /${op.api}.`,
    ]),
  ]);
  fill(/** @type {HTMLElement} */ (byId("response-headers").querySelector("tbody")), []);
  byId("response-body").textContent = "";
}

/** @param {string} title @param {string} text @param {string} id */
const step = (title, text, id) =>
  el("div", { class: "step" }, [el("h3", {}, [title]), el("pre", { id, tabindex: "0" }, [text])]);

/**
 * @param {SignatureSteps | null} steps
 * @param {Comparison | null} comparison
 * @param {number | undefined} status
 */
export function renderSignature(steps, comparison, status) {
  const section = byId("signature");
  section.hidden = steps === null;
  if (!steps) return;
  fill(byId("signature-steps"), [
    step("1. Canonical request", steps.canonicalRequest, "sig-canonical"),
    step("2. SHA-256 of the canonical request", steps.canonicalHash, "sig-hash"),
    step("3. String to sign", steps.stringToSign, "sig-string-to-sign"),
    step("4. Signed headers", steps.signedHeaders.join(";"), "sig-signed-headers"),
    step(
      "5. Signature: HMAC-SHA256(secret key, string to sign)",
      `${steps.signature}${steps.recomputed === steps.signature ? "" : `\n(with the secret key now in the form: ${steps.recomputed})`}`,
      "sig-signature",
    ),
    step(
      "6. Authorization",
      `SDK-HMAC-SHA256 Access=${steps.accessKey}, SignedHeaders=${steps.signedHeaders.join(";")}, Signature=${steps.signature}`,
      "sig-authorization",
    ),
  ]);
  const compare = byId("signature-compare");
  if (!comparison) {
    fill(
      compare,
      status === 401
        ? [
            el("p", {}, [
              "The server refused the request but did not say what it signed (only the local mock started by pnpm start does).",
            ]),
          ]
        : [],
    );
    return;
  }
  fill(compare, [
    el("h3", {}, ["What the server signed, next to this page"]),
    el("p", { id: "sig-summary", class: comparison.sameCanonical ? "message" : "message bad" }, [comparison.summary]),
    el("table", { id: "sig-lines" }, [
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col" }, ["Part"]),
          el("th", { scope: "col" }, ["This page"]),
          el("th", { scope: "col" }, ["Server"]),
          el("th", { scope: "col" }, ["Same"]),
        ]),
      ]),
      el(
        "tbody",
        {},
        comparison.lines.map((line) =>
          el("tr", { class: line.same ? "same" : "differs", "data-same": String(line.same) }, [
            el("th", { scope: "row" }, [line.part]),
            el("td", {}, [el("code", {}, [line.page])]),
            el("td", {}, [el("code", {}, [line.server])]),
            el("td", {}, [line.same ? "yes" : "differs"]),
          ]),
        ),
      ),
    ]),
  ]);
}
