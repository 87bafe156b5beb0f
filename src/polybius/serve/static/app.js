// The dashboard: one state (filters, timeline stack, sort, page, open event) kept in the URL, so
// a link shares exactly what is on screen; every change re-asks the API and redraws each view.

import { api, clear, el } from "./dom.js";
import { renderEvent } from "./evidence.js";
import { createMap } from "./map.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";

// Every filter the API takes; those without a control of their own show as removable chips.
const FILTERS = ["country", "actor", "cameo", "plover", "status", "quad_class", "attribution", "since", "until", "bbox", "text"];
const CONTROLS = ["country", "actor", "cameo", "status", "since", "until"];
const PAGE = 50;

let state = readUrl();
let vocabulary = null;
let generation = 0;
let openedEvent = null;

const form = document.getElementById("filters");
const banner = document.getElementById("banner");
const eventView = document.getElementById("event-view");
const eventBody = eventView.querySelector(".event-content");

const map = createMap(document.getElementById("map-panel"), { onOpen: openEvent, onStatus: showNote });
const timeline = createTimeline(document.getElementById("timeline-panel"), {
  onBrush: (since, until) => change({ since, until }),
  onKey: (stack, key) => change(stack === "root" ? { cameo: key } : { plover: key }),
});
const table = createTable(document.getElementById("table-panel"), {
  onOpen: openEvent,
  onSort: (sort) => navigate({ ...state, sort, offset: 0 }),
  onPage: (offset) => navigate({ ...state, offset }),
});

function readUrl() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  if (filters.country) filters.country = filters.country.toUpperCase(); // as the API reads it
  return {
    filters,
    stack: params.get("stack") === "plover" ? "plover" : "root",
    sort: params.get("sort") || "date",
    offset: Number(params.get("offset")) || 0,
    event: params.get("event") || null,
  };
}

function writeUrl(next, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (next.filters[key]) params.set(key, next.filters[key]);
  if (next.stack !== "root") params.set("stack", next.stack);
  if (next.sort !== "date") params.set("sort", next.sort);
  if (next.offset) params.set("offset", next.offset);
  if (next.event) params.set("event", next.event);
  const url = `${location.pathname}${params.size ? "?" + params : ""}`;
  if (url === location.pathname + location.search) return;
  history[replace ? "replaceState" : "pushState"](null, "", url);
}

function navigate(next) {
  const filtersChanged = JSON.stringify(next.filters) !== JSON.stringify(state.filters);
  const stackChanged = next.stack !== state.stack;
  state = next;
  writeUrl(state);
  refresh({ refit: filtersChanged, timeline: filtersChanged || stackChanged });
}

// Change some filters (null removes one); back to the first page.
function change(updates) {
  const filters = { ...state.filters };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === undefined || value === "") delete filters[key];
    else filters[key] = value;
  }
  navigate({ ...state, filters, offset: 0 });
}

function showNote(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

function showError(error) {
  showNote(`The server said: ${error.message}`);
}

// -- filters form ----------------------------------------------------------------------------

function syncForm() {
  for (const key of CONTROLS) form.elements[key].value = state.filters[key] || "";
  for (const button of document.querySelectorAll("[data-stack]")) button.setAttribute("aria-pressed", String(button.dataset.stack === state.stack));
  const chips = document.getElementById("chips");
  clear(chips);
  for (const key of FILTERS.filter((k) => !CONTROLS.includes(k) && state.filters[k])) {
    chips.append(el("button", { type: "button", class: "chip-filter", title: "remove this filter", onclick: () => change({ [key]: null }) },
      `${key.replace("_", " ")}: ${state.filters[key]} ×`));
  }
}

for (const key of CONTROLS) {
  form.elements[key].addEventListener("change", () => change({ [key]: form.elements[key].value.trim() }));
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  change(Object.fromEntries(CONTROLS.map((key) => [key, form.elements[key].value.trim()])));
});
form.addEventListener("reset", (event) => {
  event.preventDefault();
  navigate({ ...state, filters: {}, offset: 0, event: null });
});
document.getElementById("in-view").addEventListener("click", () => change({ bbox: map.viewBounds() }));
for (const button of document.querySelectorAll("[data-stack]")) {
  button.addEventListener("click", () => navigate({ ...state, stack: button.dataset.stack }));
}

let actorTimer = null;
form.elements.actor.addEventListener("input", () => {
  clearTimeout(actorTimer);
  actorTimer = setTimeout(async () => {
    const hits = await api("actors", { q: form.elements.actor.value.trim(), limit: 15 }).catch(() => []);
    const options = document.getElementById("actor-options");
    clear(options);
    for (const hit of hits) options.append(el("option", { value: hit.code }, `${hit.names.join(", ") || hit.code} · ${hit.count}`));
  }, 200);
});

async function fillChoices() {
  const [vocab, everything] = await Promise.all([api("vocabulary"), api("stats")]);
  vocabulary = vocab;
  const countries = form.elements.country;
  for (const country of everything.by_country) {
    countries.append(el("option", { value: country.key }, `${country.label || country.key} (${country.key}) · ${country.count}`));
  }
  const present = new Set(everything.by_root.map((r) => r.key));
  for (const root of vocab.roots) {
    form.elements.cameo.append(el("option", { value: root.code, disabled: !present.has(root.code) }, `${root.code} ${root.name}`));
  }
  for (const status of vocab.statuses) form.elements.status.append(el("option", { value: status }, status));
  const summary = await api("health");
  document.getElementById("store-summary").textContent =
    `${summary.counts.events} events · ${summary.counts.mentions} mentions · ${summary.counts.articles} articles · ${summary.counts.conflicts / 2} contested pairs`;
  document.getElementById("legend-quad").append(...Object.entries({ 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" })
    .map(([quad, name]) => el("button", { type: "button", class: "legend-item", "data-quad": quad, title: "Filter by this QuadClass", onclick: () => change({ quad_class: quad }) },
      el("span", { class: `swatch quad-${quad}` }), name)));
}

// -- data ------------------------------------------------------------------------------------

async function refresh({ refit = true, timeline: redrawTimeline = true } = {}) {
  const mine = ++generation;
  syncForm();
  showNote("");
  const filters = state.filters;
  const { since, until, ...undated } = filters;
  try {
    const [page, points, stats] = await Promise.all([
      api("events", { ...filters, sort: state.sort, offset: state.offset, limit: PAGE }),
      api("map", filters),
      redrawTimeline ? api("stats", { ...undated, stack: state.stack }) : null,
    ]);
    if (mine !== generation) return;
    table.render(page, state.sort);
    map.setPoints(points.points, { refit });
    document.getElementById("map-count").textContent = points.truncated
      ? `${points.points.length} most-mentioned of ${points.total} located events`
      : `${points.total} located event${points.total === 1 ? "" : "s"}`;
    if (stats) timeline.render(stats, vocabulary, { since, until });
    document.body.dataset.ready = "true";
  } catch (error) {
    if (mine === generation) showError(error);
  }
  syncEvent();
}

async function syncEvent() {
  if (!state.event) {
    eventView.hidden = true;
    openedEvent = null;
    return;
  }
  if (openedEvent === state.event && !eventView.hidden) return;
  try {
    const detail = await api(`events/${encodeURIComponent(state.event)}`);
    openedEvent = state.event;
    renderEvent(eventBody, detail, { onOpen: openEvent, onClose: closeEvent });
    eventView.hidden = false;
    eventView.scrollTop = 0;
    eventView.querySelector(".close").focus();
  } catch (error) {
    showError(error);
    eventView.hidden = true;
  }
}

function openEvent(eventId) {
  state = { ...state, event: eventId };
  writeUrl(state);
  syncEvent();
}

function closeEvent() {
  state = { ...state, event: null };
  writeUrl(state);
  syncEvent();
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !eventView.hidden) closeEvent();
});
eventView.addEventListener("click", (event) => { if (event.target === eventView) closeEvent(); });
window.addEventListener("popstate", () => {
  const previous = state;
  state = readUrl();
  const filtersChanged = JSON.stringify(previous.filters) !== JSON.stringify(state.filters);
  refresh({ refit: filtersChanged, timeline: filtersChanged || previous.stack !== state.stack });
});

(async () => {
  map.loadBasemap("/static/vendor/countries-50m.geojson");
  try {
    await fillChoices();
  } catch (error) {
    showError(error);
    return;
  }
  writeUrl(state, { replace: true });
  refresh();
})();
