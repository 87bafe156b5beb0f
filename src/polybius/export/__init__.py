"""Query filters and export formats over the store: GDELT 2.0 events and mentions, PLOVER JSON
lines, ACLED CSV, our CSV, Parquet and JSON lines.

Exports are of deduplicated events (one row per cluster, with NumMentions / NumSources /
NumArticles) unless `mentions=True`. Each field format has its own module (`gdelt`, `plover`,
`acled`); their layouts and every deliberate deviation from the field's conventions are in
docs/store.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polybius.export.gdelt import GDELT_COLUMNS, MENTION_COLUMNS
from polybius.store import Store

CSV_COLUMNS = ["event_id", "cluster_id", "date", "date_precision", "cameo_code", "cameo_root", "quad_class", "goldstein",
               "plover_type", "source_code", "source_country", "source_name", "target_code", "target_country", "target_name",
               "status", "attribution_code", "location_name", "location_country", "location_admin1", "lat", "lon",
               "geo_precision", "fatalities", "num_mentions", "num_sources", "num_articles", "url", "publisher", "pub_date",
               "sentence"]
DATE_COLUMNS = ("date", "pub_date")  # typed as dates in DataFrame, Arrow and Parquet output
FORMATS = ("gdelt", "gdelt-mentions", "plover", "acled", "csv", "parquet", "jsonl")

__all__ = ["CSV_COLUMNS", "FORMATS", "GDELT_COLUMNS", "MENTION_COLUMNS", "ExportResult", "Filters", "export", "frame", "rows"]


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # YYYY-MM-DD, inclusive; undated events never match a date bound
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


@dataclass(frozen=True)
class ExportResult:
    rows: int  # rows written
    left_out: int = 0  # selected events the format cannot hold
    why_left_out: str = ""


def rows(store: Store, filters: Filters, mentions: bool = False) -> Iterator[dict]:
    where, params = filters.where()
    for row in store.events(where, params, clustered=not mentions):
        yield dict(row)


def frame(selected: list[dict]):
    """Our flat columns as a pandas DataFrame, dates as dates (not strings)."""
    import pandas as pd

    data = pd.DataFrame([{k: r[k] for k in CSV_COLUMNS} for r in selected], columns=CSV_COLUMNS)
    for column in DATE_COLUMNS:
        data[column] = pd.to_datetime(data[column], format="%Y-%m-%d").dt.date
    return data


def export(store: Store, fmt: str, out: Path, filters: Filters = Filters(), mentions: bool = False) -> ExportResult:
    """Write the events in `fmt` to `out`."""
    from polybius.export import acled, gdelt, plover

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if mentions and fmt == "gdelt":
        raise ValueError("GDELT's events table has one row per event: export mentions with --format gdelt-mentions")
    selected = list(rows(store, filters, mentions))
    if fmt == "parquet":
        frame(selected).to_parquet(out, index=False)
        return ExportResult(len(selected))
    with out.open("w", encoding="utf-8", newline="") as handle:
        if fmt == "gdelt":
            return gdelt.write_events(store, selected, handle)
        if fmt == "gdelt-mentions":
            return gdelt.write_mentions(store, selected, handle, mentions)
        if fmt == "plover":
            return plover.write(selected, handle)
        if fmt == "acled":
            return acled.write(selected, handle)
        if fmt == "csv":
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(selected)
        else:
            for row in selected:
                handle.write(row["record"] + "\n")
    return ExportResult(len(selected))
