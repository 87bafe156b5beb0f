"""Query filters and export formats over the store: GDELT 2.0 TSV, PLOVER JSON, ACLED CSV, CSV, Parquet.

Exports are of deduplicated events (one row per cluster, with NumMentions / NumSources /
NumArticles) unless `mentions=True`. Column orders are documented in docs/store.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polybius.store import Store

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{side}Geo_{c}" for side in ("Actor1", "Actor2", "Action") for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "polybius_status"]
CSV_COLUMNS = ["event_id", "cluster_id", "date", "date_precision", "cameo_code", "cameo_root", "quad_class", "goldstein",
               "plover_type", "source_code", "source_country", "source_name", "target_code", "target_country", "target_name",
               "status", "attribution_code", "location_name", "location_country", "location_admin1", "lat", "lon",
               "geo_precision", "fatalities", "num_mentions", "num_sources", "num_articles", "url", "publisher", "sentence"]
GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 5, "city": 4, "point": 4}  # GDELT ActionGeo_Type (ADM1 US=2 not used)
ACLED_PRECISION = {"city": 1, "point": 1, "admin2": 2, "admin1": 2, "country": 3}


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    actor: str | None = None  # a code, country or name fragment on either side
    country: str | None = None  # ISO3 of either actor or the place
    cameo: str | None = None  # code prefix: "19", "195"
    plover: str | None = None
    status: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = ["1"], []
        if self.since:
            clauses.append("e.date >= ?"), params.append(self.since)
        if self.until:
            clauses.append("e.date <= ?"), params.append(self.until)
        if self.actor:
            clauses.append("(e.source_code LIKE ? OR e.target_code LIKE ? OR e.source_name LIKE ? OR e.target_name LIKE ?)")
            params += [f"{self.actor}%", f"{self.actor}%", f"%{self.actor}%", f"%{self.actor}%"]
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ? OR e.location_country = ?)")
            params += [self.country] * 3
        if self.cameo:
            clauses.append("e.cameo_code LIKE ?"), params.append(f"{self.cameo}%")
        if self.plover:
            clauses.append("e.plover_type = ?"), params.append(self.plover.upper())
        if self.status:
            clauses.append("e.status = ?"), params.append(self.status)
        if self.bbox:
            clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        if self.text:
            clauses.append("e.sentence LIKE ?"), params.append(f"%{self.text}%")
        return " AND ".join(clauses), params


def rows(store: Store, filters: Filters, mentions: bool = False) -> Iterator[dict]:
    where, params = filters.where()
    for row in store.events(where, params, clustered=not mentions):
        yield dict(row)


def _gdelt(row: dict, number: int) -> list:
    record = json.loads(row["record"])
    date = (row["date"] or "").replace("-", "")
    year = date[:4]
    geo = ["", "", "", "", "", "", "", ""]
    if row["lat"] is not None:
        geo = [GEO_TYPE.get(row["geo_precision"] or "", 4), row["location_name"] or "", row["location_country"] or "",
               row["location_admin1"] or "", "", row["lat"], row["lon"], ""]
    actor = lambda side: [record[side]["code"] or "", (record[side]["name"] or record[side]["text"] or "").upper(),  # noqa: E731
                          record[side]["country"] or "", "", "", "", "", record[side]["sector"] or "", "", ""]
    return [
        number, date, date[:6], year, f"{int(year) + (int(date[4:6]) - 1) / 12:.4f}" if len(date) == 8 else "",
        *actor("source"), *actor("target"),
        1, row["cameo_code"], row["cameo_code"][:3], row["cameo_root"], row["quad_class"], row["goldstein"],
        row["num_mentions"], row["num_sources"], row["num_articles"], "",
        *([""] * 8), *([""] * 8), *geo,
        (row["pub_date"] or "").replace("-", ""), row["url"] or "",
    ]


def _plover(row: dict) -> dict:
    record = json.loads(row["record"])
    return {
        "id": row["cluster_id"], "event_date": row["date"], "event_type": record["plover"]["type"],
        "mode": record["plover"]["mode"], "context": record["plover"]["context"],
        "actor": record["source"]["text"], "actor_country": record["source"]["country"], "actor_sector": record["source"]["sector"],
        "recipient": record["target"]["text"], "recipient_country": record["target"]["country"], "recipient_sector": record["target"]["sector"],
        "status": row["status"], "event_text": row["sentence"], "cameo": row["cameo_code"],
        "geolocation": record["location"], "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
        "source_url": row["url"], "publisher": row["publisher"],
    }


def _acled(row: dict) -> list:
    record = json.loads(row["record"])
    acled = record.get("acled") or {}
    return [
        row["cluster_id"], row["date"] or "", (row["date"] or "")[:4], {"day": 1, "week": 2, "month": 2}.get(row["date_precision"], 3),
        acled.get("event_type", ""), acled.get("sub_event_type", ""), record["source"]["name"] or record["source"]["text"] or "",
        record["target"]["name"] or record["target"]["text"] or "", row["location_country"] or "", row["location_admin1"] or "",
        row["location_name"] or "", row["lat"] if row["lat"] is not None else "", row["lon"] if row["lon"] is not None else "",
        ACLED_PRECISION.get(row["geo_precision"] or "", ""), row["publisher"] or row["url"] or "", "", row["sentence"],
        row["fatalities"] if row["fatalities"] is not None else 0, row["status"],
    ]


def export(store: Store, fmt: str, out: Path, filters: Filters = Filters(), mentions: bool = False) -> int:
    """Write the events in `fmt` to `out`; return the number of rows written."""
    selected = list(rows(store, filters, mentions))
    if fmt == "acled":
        selected = [r for r in selected if json.loads(r["record"]).get("acled")]
    if fmt == "parquet":
        import pandas as pd

        pd.DataFrame([{k: r[k] for k in CSV_COLUMNS} for r in selected], columns=CSV_COLUMNS).to_parquet(out, index=False)
        return len(selected)
    with out.open("w", encoding="utf-8", newline="") as handle:
        if fmt == "gdelt":
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            for number, row in enumerate(selected, start=1):
                writer.writerow(_gdelt(row, number))
        elif fmt == "plover":
            for row in selected:
                handle.write(json.dumps(_plover(row), ensure_ascii=False) + "\n")
        elif fmt == "acled":
            writer = csv.writer(handle)
            writer.writerow(ACLED_COLUMNS)
            writer.writerows(_acled(row) for row in selected)
        elif fmt == "csv":
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(selected)
        elif fmt == "jsonl":
            for row in selected:
                handle.write(row["record"] + "\n")
        else:
            raise ValueError(f"unknown export format {fmt!r}")
    return len(selected)
