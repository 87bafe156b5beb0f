// Small helpers shared by the dashboard's modules. Text from articles is untrusted: it only ever
// reaches the page through textContent / attributes set here, never as HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

export const QUAD = {
  1: { name: "Verbal cooperation", colour: "#2e9d5b" },
  2: { name: "Material cooperation", colour: "#2b7bba" },
  3: { name: "Verbal conflict", colour: "#e08a1e" },
  4: { name: "Material conflict", colour: "#c8322f" },
  null: { name: "Outside CAMEO", colour: "#7a7a7a" },  // a user's code whose root CAMEO does not have
};

// Build an element: el("a", {href: url, class: "x"}, "text", child, ...). Null children are skipped.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  return fill(node, attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  return fill(node, attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// GET /api/...; throws an Error carrying the server's own message on 4xx/5xx.
export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const response = await fetch(`/api/${path}${query.size ? "?" + query : ""}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

export function actorLabel(actor) {
  if (!actor) return "—";
  return actor.code || actor.name || actor.text || "—";
}

export function dayNumber(iso) {
  return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000);
}

export function isoDay(number) {
  return new Date(number * 86400000).toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function shortDate(iso) {
  if (!iso) return "undated";
  const [year, month, day] = iso.split("-");
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

export function monthLabel(iso) {
  const [year, month] = iso.split("-");
  return `${MONTHS[Number(month) - 1]} ${year}`;
}
