"""GDELT 2.0: the events table (61 tab-separated columns, no header) and the mentions table that
joins to it on GLOBALEVENTID.

What follows GDELT 2.0's event codebook: dates fall back to the publication date when the event
has none (so every date column reads as an integer), FractionDate is Y + ((m - 1) * 30 + d) / 365,
DATEADDED is YYYYMMDDHHMMSS, places carry FIPS 10-4 country codes and FIPS-style ADM1 codes,
international bodies CAMEO codes in 3-character blocks with their known-group code, and
IsRootEvent marks events from the article's lead paragraph. Deliberate deviations are listed in
docs/store.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from polybius.export import codes
from polybius.store import Store

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ACTOR_FIELDS], *[f"Actor2{c}" for c in ACTOR_FIELDS],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{side}Geo_{c}" for side in ("Actor1", "Actor2", "Action") for c in GEO_FIELDS],
    "DATEADDED", "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
# GDELT's Geo_Type: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
# 5 world state (ADM1); 0 when the event has no place. An admin2 unit counts as its state's level.
GEO_TYPE = {"country": (1, 1), "admin1": (2, 5), "admin2": (2, 5), "city": (3, 4), "point": (3, 4)}  # (US, world)
WEB = 1  # MentionType: a web article
UNDATED = "no event date and no publication date"
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?(?=\s|$)")
_CHUNK = 500


def write_events(store: Store, selected: list[dict], handle: TextIO):
    from polybius.export import ExportResult

    leads = _lead_ends(store, {row["article_id"] for row in selected})
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
    written = 0
    for row in selected:
        if _day(row) is None:
            continue
        writer.writerow(_event_row(row, leads))
        written += 1
    return ExportResult(written, len(selected) - written, UNDATED)


def write_mentions(store: Store, selected: list[dict], handle: TextIO, are_mentions: bool):
    """The mentions of the selected events (or the selected mentions themselves, with --mentions)."""
    from polybius.export import ExportResult

    clusters = {row["cluster_id"] for row in selected}
    events = {row["cluster_id"]: row for row in _by_cluster(store, clusters, clustered=True)}
    mentions = selected if are_mentions else list(_by_cluster(store, clusters, clustered=False))
    lengths = _article_lengths(store, {row["article_id"] for row in mentions})
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
    written = 0
    for row in sorted(mentions, key=lambda r: (r["cluster_id"], r["event_id"])):
        event = events.get(row["cluster_id"])
        if event is None or _day(event) is None:
            continue
        writer.writerow(_mention_row(row, event, lengths.get(row["article_id"], 0)))
        written += 1
    return ExportResult(written, len(mentions) - written, UNDATED)


def _day(row: dict) -> dt.date | None:
    """The event's date, else its article's publication date (GDELT dates every event)."""
    value = row["date"] or row["pub_date"]
    return dt.date.fromisoformat(value) if value else None


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate: Y + ((month - 1) * 30 + day) / 365, to 4 places (20160701 -> 2016.4959)."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def date_added(row: dict) -> str:
    """DATEADDED as YYYYMMDDHHMMSS: the publication day at 00:00:00 (the store keeps no time of day),
    else the event's own date."""
    day = dt.date.fromisoformat(row["pub_date"]) if row["pub_date"] else _day(row)
    return f"{day:%Y%m%d}000000" if day else ""


def _event_row(row: dict, leads: dict[str, int]) -> list:
    record = json.loads(row["record"])
    day = _day(row)
    lead_end = leads.get(row["article_id"])
    is_root = int(lead_end is not None and record["char_span"][0] < lead_end)
    code = row["cameo_code"]
    return [
        codes.global_event_id(row["cluster_id"]), f"{day:%Y%m%d}", f"{day:%Y%m}", day.year, f"{fraction_date(day):.4f}",
        *_actor(record["source"]), *_actor(record["target"]),
        is_root, code, code[:3], row["cameo_root"], row["quad_class"], row["goldstein"],
        row["num_mentions"], row["num_sources"], row["num_articles"], "",
        *_no_place(), *_no_place(), *_place(record.get("location")),
        date_added(row), row["url"] or "",
    ]


def _mention_row(row: dict, event: dict, doc_length: int) -> list:
    record = json.loads(row["record"])
    offset = lambda span: span[0] if span else -1  # noqa: E731
    mention_time = f"{dt.date.fromisoformat(row['pub_date']):%Y%m%d}000000" if row["pub_date"] else date_added(event)
    return [
        codes.global_event_id(row["cluster_id"]), date_added(event), mention_time, WEB, row["outlet"],
        row["url"] or f"article:{row['article_id']}", row["sentence_index"] + 1,
        offset(record["source"].get("char_span")), offset(record["target"].get("char_span")),
        offset(record.get("trigger_span")), 1, round(record["confidence"] * 100), doc_length, "", "", "",
    ]


def _actor(actor: dict) -> list:
    """Actor*Code … Type3Code. An actor we could not code is left empty, name included: GDELT never
    names an actor it has no code for (the text stays in our own exports)."""
    body = codes.bodies().get(actor.get("code") or "")
    if body is not None:
        sector = body.cameo[:3]
        return [body.cameo, (actor.get("name") or actor.get("text") or "").upper(), "", body.known_group,
                "", "", "", sector, "", ""]
    code, country, sector = actor.get("code"), actor.get("country"), actor.get("sector")
    if not (code or country):
        return [""] * len(ACTOR_FIELDS)
    name = actor.get("name") or codes.country_name(country) or actor.get("text") or ""
    return [code or country, name.upper(), country or "", "", "", "", "", sector or "", "", ""]


def _no_place() -> list:
    return [0] + [""] * (len(GEO_FIELDS) - 1)


def _place(location: dict | None) -> list:
    if not location or not location.get("country"):
        return _no_place()
    iso3, precision = location["country"], location.get("precision") or "country"
    us = iso3 == "USA"
    geo_type = GEO_TYPE.get(precision, (1, 1))[0 if us else 1]
    country = codes.country_name(iso3)
    admin1 = location.get("admin1")
    adm1 = codes.adm1_code(iso3, admin1) or codes.fips(iso3)
    feature = ""
    if precision in {"city", "point"}:
        town = codes.town(iso3, location.get("name"), location.get("lat"), location.get("lon"))
        if town is not None:
            feature = str(town[0])
            adm1 = f"{codes.fips(iso3)}{town[1]}" if town[1] and codes.fips(iso3) else adm1
    elif precision == "admin1":
        feature = adm1
    elif precision == "country":
        feature = codes.fips(iso3)
    name = location.get("name") or country
    parts = [name] if precision == "country" else [name, admin1 if admin1 != name else None, country]
    return [geo_type, ", ".join(p for p in parts if p), codes.fips(iso3), adm1, "",
            location.get("lat") if location.get("lat") is not None else "",
            location.get("lon") if location.get("lon") is not None else "", feature]


def lead_end(text: str) -> int:
    """Where the article's lead ends: the end of its first paragraph that reads as prose (8+ words
    ending a sentence; a headline or dateline line before it does not count), or of its first
    sentence when the text has no paragraph breaks at all."""
    offset = 0
    for paragraph in text.splitlines(keepends=True):
        stripped = paragraph.strip()
        if len(stripped.split()) >= 8 and _SENTENCE_END.search(stripped):
            if len(paragraph) == len(text):
                first = _SENTENCE_END.search(text)
                return first.end() if first else len(text)
            return offset + len(paragraph)
        offset += len(paragraph)
    return len(text)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    values = sorted(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _lead_ends(store: Store, article_ids: set[str]) -> dict[str, int]:
    ends: dict[str, int] = {}
    for chunk in _chunks(article_ids):
        sql = f"SELECT article_id, text FROM articles WHERE article_id IN ({','.join('?' * len(chunk))})"
        ends.update((article_id, lead_end(text)) for article_id, text in store.conn.execute(sql, chunk))
    return ends


def _article_lengths(store: Store, article_ids: set[str]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for chunk in _chunks(article_ids):
        sql = f"SELECT article_id, length(text) FROM articles WHERE article_id IN ({','.join('?' * len(chunk))})"
        lengths.update(store.conn.execute(sql, chunk))
    return lengths


def _by_cluster(store: Store, cluster_ids: set[str], clustered: bool) -> Iterator[dict]:
    for chunk in _chunks(cluster_ids):
        where = f"e.cluster_id IN ({','.join('?' * len(chunk))})"
        yield from (dict(row) for row in store.events(where, chunk, clustered=clustered))
