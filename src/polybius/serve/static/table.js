// The events table: one row per event, sortable by the columns the API can sort on, a page at a time.

import { QUAD, actorLabel, clear, el } from "./dom.js";

const COLUMNS = [
  { label: "Date", sort: "date" },
  { label: "Event: source → target", sort: "cameo" },
  { label: "Status" },
  { label: "Place" },
  { label: "Ment.", sort: "mentions", title: "mentions" },
];

export function createTable(root, { onOpen, onSort, onPage }) {
  const head = root.querySelector("thead");
  const body = root.querySelector("tbody");
  const pager = root.querySelector(".pager");
  const count = root.querySelector(".count");

  function render(page, sort) {
    clear(head);
    const row = el("tr");
    for (const column of COLUMNS) {
      if (!column.sort) { row.append(el("th", { title: column.title }, column.label)); continue; }
      const active = sort.replace("-", "") === column.sort;
      const descending = sort.startsWith("-");
      const next = active && !descending ? `-${column.sort}` : column.sort;
      row.append(el("th", { "aria-sort": active ? (descending ? "descending" : "ascending") : "none", title: column.title },
        el("button", { type: "button", class: "sort", onclick: () => onSort(next) }, column.label, active ? (descending ? " ▼" : " ▲") : "")));
    }
    head.append(row);

    clear(body);
    for (const event of page.events) {
      body.append(el("tr", {
        "data-id": event.event_id, tabindex: 0,
        onclick: () => onOpen(event.event_id),
        onkeydown: (e) => { if (e.key === "Enter") onOpen(event.event_id); },
      },
      el("td", { class: "nowrap" }, event.date || el("span", { class: "muted" }, "undated")),
      el("td", { title: event.sentence },
        el("div", { class: "ellipsis" }, el("span", { class: "swatch", style: `background:${QUAD[event.quad_class].colour}` }),
          el("strong", {}, event.cameo_code), " ", event.cameo_name || ""),
        el("div", { class: "muted small ellipsis" }, `${actorLabel(event.source)} → ${actorLabel(event.target)}`)),
      el("td", {}, el("span", { class: `status status-${event.status}` }, event.status),
        event.attribution ? el("div", { class: "muted small" }, event.attribution.code || event.attribution.text) : null),
      el("td", {}, event.place ? event.place.name || event.place.country : ""),
      el("td", { class: "num" }, String(event.num_mentions))));
    }
    if (!page.events.length) body.append(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "muted" }, "No events match these filters.")));

    count.textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
    clear(pager);
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.events.length;
    pager.append(
      el("button", { type: "button", disabled: page.offset === 0, onclick: () => onPage(Math.max(0, page.offset - page.limit)) }, "‹ prev"),
      el("span", {}, `${first}–${last} of ${page.total}`),
      el("button", { type: "button", disabled: page.next_offset === null, onclick: () => onPage(page.next_offset) }, "next ›"));
  }

  return { render };
}
