// Build-time only: turn world-atlas's Natural Earth TopoJSON into the dashboard's GeoJSON basemap.
// Output (git-ignored, shipped in the wheel): src/polybius/serve/static/vendor/.
// Coordinates are rounded to 0.01° (about 1 km), plenty for a 1:50m map and a third of the bytes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const atlas = join(here, "node_modules", "world-atlas");
const out = join(here, "..", "src", "polybius", "serve", "static", "vendor");

const round = (ring) => {
  const kept = [];
  for (const [lon, lat] of ring) {
    const point = [Math.round(lon * 100) / 100, Math.round(lat * 100) / 100];
    const last = kept[kept.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
  }
  return kept;
};

const topology = JSON.parse(readFileSync(join(atlas, "countries-50m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
for (const country of countries.features) {
  const geometry = country.geometry;
  if (!geometry) continue;
  geometry.coordinates = geometry.type === "Polygon"
    ? geometry.coordinates.map(round)
    : geometry.coordinates.map((polygon) => polygon.map(round));
}
countries.attribution = "Natural Earth (public domain) via world-atlas 2.0.2 (ISC)";

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "countries-50m.geojson"), JSON.stringify(countries));
copyFileSync(join(atlas, "LICENSE"), join(out, "world-atlas.LICENSE.txt"));
console.log(`basemap: ${countries.features.length} countries -> ${join(out, "countries-50m.geojson")}`);
