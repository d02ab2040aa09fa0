// The console page's behaviour: reads the operation's data block, checks the form live with the
// mock's validation, sends through @dbupgrade/client, shows the answer, the copyable request and,
// for AK/SK, the signature debugger. Credentials live in this module's variables and the inputs;
// session storage only when the reader opts in.
import { byId, copyFrom } from "./dom.js";
import { checkRequest } from "./request-check.js";
import { sendRequest } from "./send.js";
import { curlCommand, typescriptSnippet } from "./snippets.js";
import { renderCheck, renderFailure, renderResponse, renderSignature } from "./render.js";
import { compareSignatures, serverSignatureDebug, signatureSteps } from "./signature.js";

/** @typedef {import("../console-operations.mjs").ConsoleOperation} ConsoleOperation */

const storageKey = "dbupgrade-console-credentials";

/** Only loopback: the page's CSP allows nothing else, and nothing should leave the machine. @param {string} text */
export function targetProblem(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return "The base URL is not an absolute URL (http://127.0.0.1:4010/<api>).";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The base URL must be http or https.";
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost")
    return "The console only sends to this machine (127.0.0.1 or localhost).";
  if (url.username || url.password || url.search || url.hash)
    return "The base URL cannot carry credentials, a query or a fragment.";
  return null;
}

/** @param {ConsoleOperation} op */
function start(op) {
  const form = /** @type {HTMLFormElement} */ (byId("request"));
  const baseUrl = /** @type {HTMLInputElement} */ (byId("base-url"));
  const token = /** @type {HTMLInputElement} */ (byId("token"));
  const accessKey = /** @type {HTMLInputElement} */ (byId("access-key"));
  const secretKey = /** @type {HTMLInputElement} */ (byId("secret-key"));
  const remember = /** @type {HTMLInputElement} */ (byId("remember"));
  const body = /** @type {HTMLTextAreaElement | null} */ (document.getElementById("body"));
  const example = /** @type {HTMLSelectElement | null} */ (document.getElementById("example"));
  const sendButton = /** @type {HTMLButtonElement} */ (byId("send"));
  const parameterInputs = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ ([
    ...form.querySelectorAll("[data-in][data-name]"),
  ]);

  // ?mock=<origin> points the console at a mock on another port (e.g. `pnpm start --mock-port`).
  const mock = new URLSearchParams(location.search).get("mock");
  if (mock && !targetProblem(mock)) baseUrl.value = `${new URL(mock).origin}/${op.api}`;

  const scheme = () =>
    /** @type {"token" | "aksk"} */ (
      /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="scheme"]:checked'))?.value ?? "token"
    );
  const showScheme = () => {
    for (const field of form.querySelectorAll("[data-scheme]")) {
      const element = /** @type {HTMLElement} */ (field);
      element.hidden = field.getAttribute("data-scheme") !== scheme();
    }
  };
  const saved = sessionStorage.getItem(storageKey);
  if (saved) {
    try {
      const values = JSON.parse(saved);
      remember.checked = true;
      token.value = values.token ?? token.value;
      accessKey.value = values.accessKey ?? accessKey.value;
      secretKey.value = values.secretKey ?? secretKey.value;
      const radio = /** @type {HTMLInputElement | null} */ (
        form.querySelector(`input[name="scheme"][value="${values.scheme === "aksk" ? "aksk" : "token"}"]`)
      );
      if (radio) radio.checked = true;
    } catch {
      sessionStorage.removeItem(storageKey);
    }
  }
  const persist = () => {
    if (remember.checked) {
      sessionStorage.setItem(
        storageKey,
        JSON.stringify({
          scheme: scheme(),
          token: token.value,
          accessKey: accessKey.value,
          secretKey: secretKey.value,
        }),
      );
    } else {
      sessionStorage.removeItem(storageKey);
    }
  };
  showScheme();

  const values = () => {
    /** @type {Record<"path" | "query" | "header", Record<string, string>>} */
    const parts = { path: {}, query: {}, header: {} };
    for (const input of parameterInputs) {
      const where = /** @type {"path" | "query" | "header"} */ (input.dataset["in"]);
      if (input.value !== "" && parts[where]) parts[where][/** @type {string} */ (input.dataset["name"])] = input.value;
    }
    return {
      pathParams: parts.path,
      query: parts.query,
      headers: parts.header,
      bodyText: op.body && body ? body.value : null,
    };
  };

  /** The request the form describes, for the live check (the client builds the one it sends). */
  const describedRequest = () => {
    const { pathParams, query, headers, bodyText } = values();
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(pathParams[name] ?? ""));
    const url = new URL(`${baseUrl.value.replace(/\/+$/, "")}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const requestHeaders = new Headers(headers);
    if (op.body) requestHeaders.set("Content-Type", op.body.contentType);
    return {
      request: new Request(url, {
        method: op.method,
        headers: requestHeaders,
        ...(op.body ? { body: bodyText ?? "" } : {}),
      }),
      pathParams,
      bodyText,
    };
  };

  const check = () => {
    const problem = targetProblem(baseUrl.value);
    if (problem) return renderCheck({ target: problem, issues: [], message: "" }, op);
    try {
      renderCheck({ target: null, ...checkRequest(op, describedRequest()) }, op);
    } catch (error) {
      renderCheck(
        {
          target: null,
          issues: [{ location: "request", message: error instanceof Error ? error.message : String(error) }],
          message: "",
        },
        op,
      );
    }
  };
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;
  form.addEventListener("input", (event) => {
    if (event.target === remember || event.target === token || event.target === accessKey || event.target === secretKey)
      persist();
    if (/** @type {HTMLInputElement} */ (event.target).name === "scheme") {
      showScheme();
      persist();
    }
    clearTimeout(pending);
    pending = setTimeout(check, 120);
  });
  example?.addEventListener("change", () => {
    const chosen = op.body?.examples[Number(example.value)];
    if (chosen && body) body.value = JSON.stringify(chosen.value, null, 2);
    check();
  });

  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll("button[data-copy]"))) {
    button.addEventListener("click", () => copyFrom(button, byId(/** @type {string} */ (button.dataset["copy"]))));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = targetProblem(baseUrl.value);
    if (problem) return check();
    const input = values();
    const chosen = scheme();
    const auth =
      chosen === "token" ? { token: token.value } : { accessKey: accessKey.value, secretKey: secretKey.value };
    sendButton.disabled = true;
    byId("sending").textContent = "Sending…";
    try {
      const { sent, received, failure } = await sendRequest(op, { baseUrl: baseUrl.value, auth, ...input });
      if (received) renderResponse(received, op);
      else renderFailure(failure ?? "no answer", op);
      byId("curl-code").textContent = curlCommand(sent, chosen);
      byId("ts-code").textContent = typescriptSnippet(op, {
        baseUrl: baseUrl.value.replace(/\/+$/, ""),
        scheme: chosen,
        ...input,
      });
      byId("copy").hidden = false;
      const steps = chosen === "aksk" && sent.headers.length ? await signatureSteps(sent, secretKey.value) : null;
      const server = received ? serverSignatureDebug(received.headers) : null;
      renderSignature(steps, steps && server ? compareSignatures(steps, server) : null, received?.status);
    } catch (error) {
      renderFailure(error instanceof Error ? error.message : String(error), op);
    } finally {
      sendButton.disabled = false;
      byId("sending").textContent = "";
      byId("response-title").focus();
    }
  });
  check();
}

/** The index page: its links keep ?mock= so that every operation page targets the same mock. */
function keepMockParameter() {
  const mock = new URLSearchParams(location.search).get("mock");
  if (!mock || targetProblem(mock)) return;
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(".ops a"))) {
    const url = new URL(link.href);
    url.searchParams.set("mock", new URL(mock).origin);
    link.href = url.href;
  }
}

const data = document.getElementById("operation-data");
if (data?.textContent) start(JSON.parse(data.textContent));
else keepMockParameter();
