// DOM helpers for the console: elements are built with textContent and attributes only (never
// markup from strings), so response bodies and spec text cannot become live HTML. The page's
// Trusted Types policy (`require-trusted-types-for 'script'`) makes any innerHTML a hard error.

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | undefined>} [attributes]
 * @param {(Node | string | null | undefined)[]} [children]
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** @param {string} id @returns {HTMLElement} */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`console page: #${id} is missing`);
  return node;
}

/** Replaces an element's children. @param {Element} parent @param {(Node | string)[]} children */
export function fill(parent, children) {
  parent.replaceChildren(...children);
}

/**
 * Copies text: the clipboard API where the browser allows it, else selects the element's text.
 * @param {HTMLButtonElement} button @param {HTMLElement} source
 */
export async function copyFrom(button, source) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(source.textContent ?? "");
    button.textContent = "Copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    button.textContent = "Press Ctrl+C";
  }
  setTimeout(() => (button.textContent = label), 1500);
}
