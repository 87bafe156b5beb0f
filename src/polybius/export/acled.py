"""ACLED CSV: the 31 columns of ACLED's standard export, in ACLED's order, for the events that have
an ACLED category (political violence, demonstrations, strategic developments).

The knowledge of ACLED's categories (disorder types, actor types, regions, actor name patterns)
is in data/acled.yaml; deliberate deviations are listed in docs/store.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import TextIO

from polybius.export import codes

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# time_precision: 1 the day is known, 2 the week, 3 only the month (ACLED has nothing coarser, so a
# year-only date is 3 too, as is an undated event placed on its publication day).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# geo_precision: 1 the town, 2 a part of a region (district), 3 a region (province) or larger.
GEO_PRECISION = {"city": 1, "point": 1, "admin2": 2, "admin1": 3, "country": 3}
LEFT_OUT = ("no ACLED category (ACLED codes violence, demonstrations and strategic developments), "
            "or no country or no date at all")


def write(selected: list[dict], handle: TextIO):
    from polybius.export import ExportResult

    writer = csv.writer(handle)
    writer.writerow(ACLED_COLUMNS)
    written = 0
    for row in selected:
        line = acled_row(row)
        if line is not None:
            writer.writerow(line)
            written += 1
    return ExportResult(written, len(selected) - written, LEFT_OUT)


def acled_row(row: dict) -> list | None:
    record = json.loads(row["record"])
    category = record.get("acled")
    day = row["date"] or row["pub_date"]
    if not category or not day:
        return None
    knowledge = codes.acled_knowledge()
    event_type, sub_event_type = category["event_type"], category["sub_event_type"]
    disorder = knowledge["disorder_types"]["sub_events"].get(sub_event_type) or knowledge["disorder_types"][event_type]
    location = record.get("location") or {}
    source, target = record["source"], record["target"]
    iso3 = location.get("country") or target.get("country") or source.get("country")
    country = codes.countries().get(iso3 or "")
    if country is None:
        return None  # ACLED places every event in a country
    inter1, inter2 = (_inter(actor, event_type, iso3) for actor in (source, target))
    precision = location.get("precision") or "country"
    published = row["pub_date"] or day
    return [
        f"{iso3}{codes.global_event_id(row['cluster_id'])}", day, day[:4],
        TIME_PRECISION.get(row["date_precision"], 3) if row["date"] else 3,
        disorder, event_type, sub_event_type,
        _name(source, event_type), "", inter1 or "", _name(target, event_type), "", inter2 or "",
        _interaction(inter1, inter2),
        "Civilian targeting" if "Political violence" in disorder and inter2 == 7 else "",
        country.isonumeric, codes.acled_regions().get(iso3, ""), country.name,
        location.get("admin1") or "", location.get("name") if precision == "admin2" else "", "",
        location.get("name") or country.name,
        location.get("lat") if location.get("lat") is not None else "",
        location.get("lon") if location.get("lon") is not None else "",
        GEO_PRECISION.get(precision, 3), row["publisher"] or row["outlet"], "", row["sentence"],
        record.get("fatalities") or 0, f"status={row['status']}",
        int(dt.datetime.combine(dt.date.fromisoformat(published), dt.time(), dt.timezone.utc).timestamp()),
    ]


def _role(event_type: str, inter: int) -> str | None:
    """Non-state actors of a protest are its protesters, of a riot its rioters."""
    knowledge = codes.acled_knowledge()
    if inter in {knowledge["state_forces"], knowledge["external_forces"]}:
        return None
    return {"Protests": "protesters", "Riots": "rioters"}.get(event_type)


def _inter(actor: dict, event_type: str, event_country: str | None) -> int | None:
    """ACLED's actor type code; None when the actor's sector (so its type) is unknown."""
    knowledge = codes.acled_knowledge()
    inter = knowledge["inter"].get(actor.get("sector") or "")
    if inter is None:
        return None
    if inter == knowledge["state_forces"] and actor.get("country") and event_country and actor["country"] != event_country:
        return knowledge["external_forces"]
    role = _role(event_type, inter)
    return knowledge[role] if role else inter


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's two-digit interaction code: the two actor types, lower first; 0 stands for no second actor."""
    found = sorted(i for i in (inter1, inter2) if i)
    if not found:
        return ""
    return int("".join(str(i) for i in found)) if len(found) == 2 else found[0] * 10


def _name(actor: dict, event_type: str) -> str:
    if actor.get("name"):
        return actor["name"]
    inter = _inter(actor, event_type, None)
    if inter is None:
        return actor.get("text") or ""
    patterns = codes.acled_knowledge()["actor_names"]
    pattern = patterns.get(_role(event_type, inter) or "") or patterns.get(actor.get("sector") or "")
    country = codes.country_name(actor.get("country"))
    if pattern and country:
        return pattern.format(country=country)
    return actor.get("text") or ""
