// The events map: a Natural Earth basemap (bundled GeoJSON) in a plate carrée projection, points
// sized by mentions and coloured by QuadClass, merged into clusters where they would overlap.
// Wheel zooms about the cursor, dragging pans, a cluster click zooms in (or lists events that
// share one place). Screen x = lon * scale + tx, y = -lat * scale + ty.

import { QUAD, clear, el, shortDate, svg } from "./dom.js";

const CLUSTER_RADIUS = 26; // px: points closer than this on screen are drawn as one cluster
const MIN_SCALE_FACTOR = 0.8; // of the whole-world scale
const MAX_SCALE = 400; // px per degree
const SAME_PLACE = 0.01; // degrees: a cluster this tight is one place; list it instead of zooming

export function createMap(root, { onOpen, onStatus }) {
  const frame = root.querySelector("svg");
  const popup = root.querySelector(".map-popup");
  const world = svg("g", { class: "world" });
  const marks = svg("g", { class: "marks" });
  frame.append(world, marks);
  let width = 0;
  let height = 0;
  let view = { scale: 1, tx: 0, ty: 0 };
  let points = [];
  let drag = null;

  const graticule = svg("path", { class: "graticule", d: graticulePath(), "vector-effect": "non-scaling-stroke" });
  world.append(graticule);

  function minScale() {
    return (Math.min(width / 360, height / 180) || 1) * MIN_SCALE_FACTOR;
  }

  function setView(next) {
    const scale = Math.max(minScale(), Math.min(MAX_SCALE, next.scale));
    view = { scale, tx: next.tx, ty: next.ty };
    world.setAttribute("transform", `matrix(${scale},0,0,${scale},${view.tx},${view.ty})`);
    frame.dataset.scale = scale.toFixed(3);
    draw();
  }

  function fit(bounds) {
    const [minLon, minLat, maxLon, maxLat] = bounds;
    const pad = 40;
    const spanLon = Math.max(maxLon - minLon, 8);
    const spanLat = Math.max(maxLat - minLat, 6);
    const scale = Math.min((width - 2 * pad) / spanLon, (height - 2 * pad) / spanLat);
    const midLon = (minLon + maxLon) / 2;
    const midLat = (minLat + maxLat) / 2;
    setView({ scale, tx: width / 2 - midLon * scale, ty: height / 2 + midLat * scale });
  }

  function fitPoints(list) {
    if (!list.length) return fit([-170, -58, 190, 84]);
    const lons = list.map((p) => p.lon);
    const lats = list.map((p) => p.lat);
    fit([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
  }

  function project(p) {
    return [p.lon * view.scale + view.tx, -p.lat * view.scale + view.ty];
  }

  // Greedy clustering in screen space: the most-mentioned point seeds a cluster and takes its
  // unclaimed neighbours within CLUSTER_RADIUS (looked up in a grid of that cell size).
  function clusters() {
    const grid = new Map();
    const items = [];
    for (const point of points) {
      const [x, y] = project(point);
      if (x < -50 || y < -50 || x > width + 50 || y > height + 50) continue;
      const item = { point, x, y, taken: false };
      items.push(item);
      const key = `${Math.floor(x / CLUSTER_RADIUS)}:${Math.floor(y / CLUSTER_RADIUS)}`;
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(item);
    }
    items.sort((a, b) => b.point.num_mentions - a.point.num_mentions);
    const groups = [];
    for (const seed of items) {
      if (seed.taken) continue;
      const members = [];
      const cx = Math.floor(seed.x / CLUSTER_RADIUS);
      const cy = Math.floor(seed.y / CLUSTER_RADIUS);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const item of grid.get(`${cx + dx}:${cy + dy}`) || []) {
            if (!item.taken && Math.hypot(item.x - seed.x, item.y - seed.y) <= CLUSTER_RADIUS) {
              item.taken = true;
              members.push(item);
            }
          }
        }
      }
      groups.push(members);
    }
    return groups;
  }

  function draw() {
    clear(marks);
    popup.hidden = true;
    for (const members of clusters()) {
      if (members.length === 1) marks.append(pointMark(members[0]));
      else marks.append(clusterMark(members));
    }
  }

  function pointMark({ point, x, y }) {
    const radius = Math.min(18, 4 + 2.5 * Math.sqrt(point.num_mentions));
    const title = `${shortDate(point.date)} · ${point.cameo_code} ${point.cameo_name || ""} · ${point.source || "?"} → ${point.target || "?"}`
      + ` · ${point.place || ""} · ${point.status} · ${point.num_mentions} mention${point.num_mentions === 1 ? "" : "s"}`;
    return svg("circle", {
      class: "event", cx: x.toFixed(1), cy: y.toFixed(1), r: radius.toFixed(1), fill: QUAD[point.quad_class].colour,
      "data-id": point.event_id, "data-quad": point.quad_class, tabindex: 0, role: "button",
      onclick: (event) => { event.stopPropagation(); if (!drag?.moved) onOpen(point.event_id); },
      onkeydown: (event) => { if (event.key === "Enter") onOpen(point.event_id); },
    }, svg("title", {}, title));
  }

  function clusterMark(members) {
    const x = members.reduce((sum, m) => sum + m.x, 0) / members.length;
    const y = members.reduce((sum, m) => sum + m.y, 0) / members.length;
    const byQuad = {};
    for (const m of members) byQuad[m.point.quad_class] = (byQuad[m.point.quad_class] || 0) + 1;
    const dominant = Object.entries(byQuad).sort((a, b) => b[1] - a[1])[0][0];
    const radius = 11 + 3 * Math.log2(members.length);
    const summary = Object.entries(byQuad).map(([quad, n]) => `${n} ${QUAD[quad].name.toLowerCase()}`).join(", ");
    const group = svg("g", {
      class: "cluster", "data-count": members.length, tabindex: 0, role: "button",
      onclick: (event) => { event.stopPropagation(); if (!drag?.moved) expand(members, x, y); },
      onkeydown: (event) => { if (event.key === "Enter") expand(members, x, y); },
    },
    svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: radius.toFixed(1), fill: QUAD[dominant].colour }),
    svg("text", { x: x.toFixed(1), y: (y + 4).toFixed(1), "text-anchor": "middle" }, String(members.length)),
    svg("title", {}, `${members.length} events: ${summary}`));
    return group;
  }

  function expand(members, x, y) {
    const lons = members.map((m) => m.point.lon);
    const lats = members.map((m) => m.point.lat);
    const spread = Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats));
    if (spread > SAME_PLACE && view.scale < MAX_SCALE) {
      const pad = spread * 0.3;
      const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
      const span = Math.max(maxLon - minLon, maxLat - minLat) + 2 * pad;
      const scale = Math.min(MAX_SCALE, Math.min(width, height) / span);
      setView({ scale, tx: width / 2 - ((minLon + maxLon) / 2) * scale, ty: height / 2 + ((minLat + maxLat) / 2) * scale });
      return;
    }
    showList(members.map((m) => m.point), x, y);
  }

  function showList(list, x, y) {
    clear(popup);
    popup.append(el("div", { class: "popup-head" }, `${list.length} events at ${list[0].place || "this place"}`,
      el("button", { type: "button", class: "link", "aria-label": "close", onclick: () => { popup.hidden = true; } }, "×")));
    const items = el("ul");
    for (const point of list.slice().sort((a, b) => (a.date || "~").localeCompare(b.date || "~"))) {
      items.append(el("li", {}, el("button", { type: "button", class: "link", onclick: () => onOpen(point.event_id) },
        el("span", { class: "swatch", style: `background:${QUAD[point.quad_class].colour}` }),
        `${shortDate(point.date)} · ${point.cameo_code} ${point.cameo_name || ""} · ${point.source || "?"} → ${point.target || "?"}`)));
    }
    popup.append(items);
    popup.style.left = `${Math.min(x + 12, width - 320)}px`;
    popup.style.top = `${Math.max(8, Math.min(y - 20, height - 220))}px`;
    popup.hidden = false;
  }

  // -- interaction ------------------------------------------------------------------------------
  frame.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = frame.getBoundingClientRect();
    zoomAbout(event.clientX - rect.left, event.clientY - rect.top, Math.exp(-event.deltaY * 0.0015));
  }, { passive: false });

  function zoomAbout(x, y, factor) {
    const scale = Math.max(minScale(), Math.min(MAX_SCALE, view.scale * factor));
    const lon = (x - view.tx) / view.scale;
    const lat = (view.ty - y) / view.scale;
    setView({ scale, tx: x - lon * scale, ty: y + lat * scale });
  }

  frame.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, tx: view.tx, ty: view.ty, moved: false, id: event.pointerId };
  });
  frame.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) frame.setPointerCapture(drag.id);
    drag.moved = true;
    setView({ scale: view.scale, tx: drag.tx + dx, ty: drag.ty + dy });
  });
  const endDrag = () => { setTimeout(() => { drag = null; }, 0); };
  frame.addEventListener("pointerup", endDrag);
  frame.addEventListener("pointercancel", endDrag);
  frame.addEventListener("click", () => { popup.hidden = true; });

  root.querySelector(".zoom-in").addEventListener("click", () => zoomAbout(width / 2, height / 2, 1.6));
  root.querySelector(".zoom-out").addEventListener("click", () => zoomAbout(width / 2, height / 2, 1 / 1.6));
  root.querySelector(".zoom-fit").addEventListener("click", () => fitPoints(points));

  new ResizeObserver(() => {
    const rect = frame.getBoundingClientRect();
    if (!rect.width || (rect.width === width && rect.height === height)) return;
    const first = width === 0;
    width = rect.width;
    height = rect.height;
    frame.setAttribute("viewBox", `0 0 ${width} ${height}`);
    if (first) fitPoints(points);
    else setView(view);
  }).observe(frame);

  return {
    async loadBasemap(url) {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status}`);
        const countries = await response.json();
        const land = svg("g", { class: "land" });
        for (const country of countries.features) {
          if (!country.geometry) continue;
          land.append(svg("path", { d: geometryPath(country.geometry), "vector-effect": "non-scaling-stroke" },
            svg("title", {}, country.properties?.name || "")));
        }
        world.insertBefore(land, graticule);
        root.dataset.basemap = "loaded";
      } catch (error) {
        root.dataset.basemap = "missing";
        onStatus("The basemap is not built (run `make setup`); events are drawn on a plain grid.");
      }
    },
    setPoints(list, { refit }) {
      points = list;
      if (refit && width) fitPoints(points);
      else draw();
    },
    // The visible area as min_lon,min_lat,max_lon,max_lat (for the "events in view" filter).
    viewBounds() {
      const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
      const west = clamp(-view.tx / view.scale, 180);
      const east = clamp((width - view.tx) / view.scale, 180);
      const north = clamp(view.ty / view.scale, 90);
      const south = clamp((view.ty - height) / view.scale, 90);
      return [west, south, east, north].map((v) => v.toFixed(3)).join(",");
    },
  };
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) d += `${i ? "L" : "M"}${ring[i][0]},${-ring[i][1]}`;
  return d + "Z";
}

function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

function graticulePath() {
  let d = "";
  for (let lon = -180; lon <= 180; lon += 30) d += `M${lon},-90L${lon},90`;
  for (let lat = -60; lat <= 60; lat += 30) d += `M-180,${-lat}L180,${-lat}`;
  return d;
}

