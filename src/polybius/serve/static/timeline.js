// The timeline: events per day, stacked by CAMEO root or PLOVER type. Dragging across it selects
// a date range (the "brush") that filters the map and the table; a click without dragging clears it.
// It is drawn from stats that ignore the date filter, so the whole story stays visible around the brush.

import { QUAD, clear, dayNumber, el, isoDay, monthLabel, shortDate, svg } from "./dom.js";

const MARGIN = { left: 34, right: 10, top: 8, bottom: 20 };

export function createTimeline(root, { onBrush, onKey }) {
  const frame = root.querySelector("svg");
  const legend = root.querySelector(".legend");
  const note = root.querySelector(".note");
  let scale = null; // { first, days, plotWidth }
  let range = { since: null, until: null };
  let brush = null;
  let last = null;

  function colourFor(stack, key, index, roots) {
    if (stack === "root") {
      const root = roots.find((r) => r.code === key);
      const quad = root ? root.quad_class : 4;
      const base = QUAD[quad].colour;
      const shade = 0.55 + 0.45 * ((Number(key) % 5) / 4);
      return mix(base, shade);
    }
    return `hsl(${(index * 137.5) % 360} 55% 50%)`;
  }

  function render(stats, vocabulary, currentRange) {
    last = { stats, vocabulary };
    range = currentRange;
    const rect = frame.getBoundingClientRect();
    const width = rect.width;
    const height = rect.height;
    frame.setAttribute("viewBox", `0 0 ${width} ${height}`);
    clear(frame);
    clear(legend);
    const dated = stats.total - stats.undated;
    note.textContent = stats.undated
      ? `${dated} dated event${dated === 1 ? "" : "s"}; ${stats.undated} undated not shown`
      : `${dated} dated event${dated === 1 ? "" : "s"}`;
    if (!stats.by_day.length) {
      scale = null;
      frame.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "No dated events"));
      return;
    }
    const days = stats.by_day.map((d) => dayNumber(d.date));
    let first = Math.min(...days);
    let lastDay = Math.max(...days);
    if (lastDay - first < 14) { first -= 7; lastDay += 7; }
    const count = lastDay - first + 1;
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    scale = { first, count, plotWidth };

    const keys = [...new Set(stats.by_day.map((d) => d.key))];
    const totals = {};
    for (const d of stats.by_day) totals[d.key] = (totals[d.key] || 0) + d.count;
    keys.sort((a, b) => totals[b] - totals[a] || String(a).localeCompare(String(b)));
    const colours = Object.fromEntries(keys.map((key, i) => [key, colourFor(stats.stack, key, i, vocabulary.roots)]));
    const perDay = {};
    for (const d of stats.by_day) (perDay[d.date] ||= []).push(d);
    const peak = Math.max(...Object.values(perDay).map((list) => list.reduce((s, d) => s + d.count, 0)));
    const slot = plotWidth / count;
    const barWidth = Math.min(16, Math.max(2, slot - 1));
    const x = (day) => MARGIN.left + ((day - first) / count) * plotWidth;
    const barX = (day) => x(day) + (slot - barWidth) / 2;
    const y = (value) => MARGIN.top + plotHeight - (value / peak) * plotHeight;

    const bars = svg("g", { class: "bars" });
    for (const [date, list] of Object.entries(perDay)) {
      let base = 0;
      list.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
      for (const d of list) {
        const top = y(base + d.count);
        bars.append(svg("rect", {
          x: barX(dayNumber(date)).toFixed(1), y: top.toFixed(1), width: barWidth.toFixed(1), height: (y(base) - top).toFixed(1),
          fill: colours[d.key], "data-date": date, "data-key": d.key ?? "",
        }, svg("title", {}, `${shortDate(date)}: ${d.count} × ${label(stats.stack, d.key, vocabulary)}`)));
        base += d.count;
      }
    }
    frame.append(axis(first, count, x, plotHeight, peak), bars);
    brush = svg("rect", { class: "brush", y: MARGIN.top, height: plotHeight, x: 0, width: 0 });
    frame.append(brush);
    showRange();

    for (const key of keys) {
      legend.append(el("button", {
        type: "button", class: "legend-item", title: `Filter by ${label(stats.stack, key, vocabulary)}`,
        onclick: () => onKey(stats.stack, key),
      }, el("span", { class: "swatch", style: `background:${colours[key]}` }), label(stats.stack, key, vocabulary)));
    }
  }

  function axis(first, count, x, plotHeight, peak) {
    const group = svg("g", { class: "axis" });
    const bottom = MARGIN.top + plotHeight;
    group.append(svg("line", { x1: MARGIN.left, x2: MARGIN.left + scale.plotWidth, y1: bottom, y2: bottom }));
    group.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end" }, String(peak)));
    group.append(svg("text", { x: MARGIN.left - 4, y: bottom, "text-anchor": "end" }, "0"));
    const monthly = count > 45;
    let previous = -Infinity;
    for (let day = first; day < first + count; day++) {
      const iso = isoDay(day);
      const tick = monthly ? iso.endsWith("-01") : (day - first) % Math.ceil(count / 8) === 0;
      if (!tick || x(day) - previous < 56 || x(day) > MARGIN.left + scale.plotWidth - 44) continue;
      previous = x(day);
      group.append(svg("line", { x1: x(day), x2: x(day), y1: bottom, y2: bottom + 4 }));
      group.append(svg("text", { x: x(day), y: bottom + 15, "text-anchor": "start" }, monthly ? monthLabel(iso) : shortDate(iso)));
    }
    return group;
  }

  function dayAt(clientX) {
    const rect = frame.getBoundingClientRect();
    const offset = (clientX - rect.left - MARGIN.left) / scale.plotWidth;
    return scale.first + Math.max(0, Math.min(scale.count - 1, Math.floor(offset * scale.count)));
  }

  function paint(from, to) {
    if (!brush || !scale) return;
    const left = MARGIN.left + ((from - scale.first) / scale.count) * scale.plotWidth;
    const right = MARGIN.left + ((to + 1 - scale.first) / scale.count) * scale.plotWidth;
    brush.setAttribute("x", Math.max(MARGIN.left, left).toFixed(1));
    brush.setAttribute("width", Math.max(0, Math.min(right, MARGIN.left + scale.plotWidth) - Math.max(MARGIN.left, left)).toFixed(1));
  }

  function showRange() {
    if (!range.since && !range.until) return paint(0, -1);
    const from = range.since ? dayNumber(range.since) : scale.first;
    const to = range.until ? dayNumber(range.until) : scale.first + scale.count - 1;
    paint(from, to);
  }

  let dragging = null;
  frame.addEventListener("pointerdown", (event) => {
    if (!scale || event.button !== 0) return;
    frame.setPointerCapture(event.pointerId);
    dragging = { start: dayAt(event.clientX), x: event.clientX, moved: false };
  });
  frame.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    if (Math.abs(event.clientX - dragging.x) > 3) dragging.moved = true;
    if (dragging.moved) {
      const now = dayAt(event.clientX);
      paint(Math.min(dragging.start, now), Math.max(dragging.start, now));
    }
  });
  frame.addEventListener("pointerup", (event) => {
    if (!dragging) return;
    const { start, moved } = dragging;
    dragging = null;
    if (!moved) {
      if (range.since || range.until) onBrush(null, null);
      return;
    }
    const end = dayAt(event.clientX);
    onBrush(isoDay(Math.min(start, end)), isoDay(Math.max(start, end)));
  });
  new ResizeObserver(() => { if (last) render(last.stats, last.vocabulary, range); }).observe(frame);

  return { render };
}

function label(stack, key, vocabulary) {
  if (key === null || key === undefined || key === "") return "no type";
  if (stack === "root") {
    const root = vocabulary.roots.find((r) => r.code === key);
    return root ? `${key} ${root.name}` : key;
  }
  return key;
}

// A lighter or darker version of a #rrggbb colour (factor < 1 lightens towards white).
function mix(hex, factor) {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mixed = channels.map((c) => Math.round(255 - (255 - c) * factor));
  return `rgb(${mixed.join(",")})`;
}
