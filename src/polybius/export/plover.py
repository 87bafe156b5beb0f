"""PLOVER JSON lines, with the field names and shapes of the PLOVER manual's "Data Fields" chapter.

One event per line: `id`, `date`, `event` (a list), `actor` and `recipient` (lists of entity
objects with `code`, `sector`, `entity_text`), `mode` and `context` (lists), `event_loc`,
`event_text`, `quad_code`, `text_info`, `cite_info`, `dead`, `injured`, `coder`, plus our own
fields (`cameo`, `status`, `date_precision`, counts), which the manual allows. Events of the CAMEO
categories PLOVER drops (01, 02) have no PLOVER event and are left out, as are events with neither
a date nor a publication date (the manual requires `date`).
"""

from __future__ import annotations

import json
from typing import TextIO

from polybius import __version__
from polybius.export import codes

CODER = f"polybius {__version__}"
CODEBOOK = "PLOVER manual draft 2.0 (CAMEO 1.1b3 crosswalk)"
# The manual's auxiliary modes, which it puts in the context, from our claim status.
STATUS_CONTEXT = {"planned": "future", "hypothetical": "hypothetical", "negated": "negation"}
# Sectors the manual names differently (its note: CAMEO's MED "media" is JRN, HLH "medical" is
# MED; INS and SEP are dropped for armed groups) or not at all (our human-rights groups and NGOs
# are its civil society, SOC).
SECTORS = {"MED": "JRN", "HLH": "MED", "SEP": "REB", "HRI": "SOC", "NGO": "SOC"}
# Location object `resolution`: 1 country, 2 province, 3 district, 4 city, 5 sub-city.
RESOLUTION = {"country": 1, "admin1": 2, "admin2": 3, "city": 4, "point": 5}
DROPPED = "a CAMEO statement or appeal (01, 02), which PLOVER does not code, or no date at all"


def write(selected: list[dict], handle: TextIO):
    from polybius.export import ExportResult

    written = 0
    for row in selected:
        record = plover_record(row)
        if record is not None:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return ExportResult(written, len(selected) - written, DROPPED)


def entity(actor: dict) -> dict | None:
    """The manual's entity object, or None for an actor we could not code at all."""
    body = codes.bodies().get(actor.get("code") or "")
    if body is not None:
        found = {"code": body.plover, "sector": None}
    elif actor.get("country") or actor.get("sector"):
        sector = actor.get("sector")
        found = {"code": actor.get("country"), "sector": SECTORS.get(sector, sector) if sector else None}
    else:
        return None
    found["entity_text"] = actor.get("text")
    if actor.get("name"):
        found["identifier_text"] = actor["name"]
    return found


def plover_record(row: dict) -> dict | None:
    record = json.loads(row["record"])
    plover = record["plover"]
    if not plover.get("type") or not (row["date"] or row["pub_date"]):
        return None
    context = list(plover["context"])
    auxiliary = STATUS_CONTEXT.get(row["status"])
    if auxiliary and auxiliary not in context:
        context.append(auxiliary)
    location = record.get("location")
    return {
        "id": f"polybius-{row['cluster_id']}",
        "date": row["date"] or row["pub_date"],
        "date_precision": row["date_precision"] if row["date"] else "publication",
        "event": [plover["type"]],
        "mode": [plover["mode"]] if plover.get("mode") else [],
        "context": context,
        "actor": [e for e in [entity(record["source"])] if e],
        "recipient": [e for e in [entity(record["target"])] if e],
        "event_loc": _location(location) if location else None,
        "event_text": [row["sentence"]],
        "quad_code": row["quad_class"],
        "dead": record.get("fatalities"),
        "injured": record.get("injured"),
        "text_info": {"sequence": row["sentence_index"], "start": record["char_span"][0], "end": record["char_span"][1]},
        "cite_info": {"url": row["url"], "title": row["title"], "publication": row["publisher"], "language": "en",
                      "coder": CODER, "codebook": CODEBOOK},
        "coder": CODER,
        "cameo": row["cameo_code"],
        "status": row["status"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
    }


def _location(location: dict) -> dict:
    precision = location.get("precision")
    return {
        "extracted_place": location.get("text"),
        "resolved_place": location.get("name"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "city": location.get("name") if precision in {"city", "point"} else None,
        "district": location.get("name") if precision == "admin2" else None,
        "province": location.get("admin1"),
        "country": codes.country_name(location.get("country")) or None,
        "country_code": location.get("country"),
        "resolution": RESOLUTION.get(precision or ""),
    }

