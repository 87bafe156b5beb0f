"""The project's gold format (JSONL, documented in eval/gold/README.md) as typed records."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldEvent:
    cameo_root: str | None = None
    cameo_code: str | None = None
    plover_type: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    status: str | None = None
    date: dt.date | None = None
    location_country: str | None = None
    location_admin1: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    fatalities: int | None = None
    trigger: str | None = None
    present: frozenset[str] = frozenset()  # which keys the coder filled (absent = not judged)


@dataclass(frozen=True)
class GoldItem:
    item_id: str
    text: str
    pub_date: dt.date | None
    events: list[GoldEvent] = field(default_factory=list)


def parse_partial_date(value: str | None) -> dt.date | None:
    """'2015-10-01', '2015-10' (first of the month) or '2015' (1 January), as our records store them."""
    if not value:
        return None
    text = str(value)
    if len(text) == 4:
        return dt.date(int(text), 1, 1)
    if len(text) == 7:
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    return dt.date.fromisoformat(text[:10])


def _actor_fields(prefix: str, value: dict | None, present: set[str], given: bool) -> dict[str, str | None]:
    if value is None and given:
        present.update({f"{prefix}_country", f"{prefix}_sector"})  # null: the gold says nobody
        return {f"{prefix}_country": None, f"{prefix}_sector": None}
    if not isinstance(value, dict):
        return {}
    out: dict[str, str | None] = {}
    for key in ("country", "sector"):
        if key in value:
            out[f"{prefix}_{key}"] = value[key]
            present.add(f"{prefix}_{key}")
    return out


def parse_event(raw: dict) -> GoldEvent:
    present: set[str] = set()
    fields: dict[str, object] = {}
    code = raw.get("cameo_code")
    root = raw.get("cameo_root") or (str(code)[:2] if code else None)
    for key, value in (("cameo_code", code), ("cameo_root", root), ("plover_type", raw.get("plover_type")),
                       ("status", raw.get("status")), ("fatalities", raw.get("fatalities")), ("trigger", raw.get("trigger"))):
        if key in raw or (key == "cameo_root" and root):
            fields[key] = value
            present.add(key)
    fields.update(_actor_fields("source", raw.get("source"), present, "source" in raw))
    fields.update(_actor_fields("target", raw.get("target"), present, "target" in raw))
    if "date" in raw:
        fields["date"] = parse_partial_date(raw["date"])
        present.add("date")
    location = raw.get("location")
    if isinstance(location, dict):
        for key in ("country", "admin1", "lat", "lon"):
            if key in location:
                fields[f"location_{key}"] = location[key]
                present.add(f"location_{key}")
    return GoldEvent(**fields, present=frozenset(present))


def load_gold(path: Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            raw = json.loads(line)
            pub = raw.get("pub_date")
            items.append(GoldItem(
                item_id=str(raw.get("id", f"{path.name}:{number}")),
                text=raw["text"],
                pub_date=dt.date.fromisoformat(pub) if pub else None,
                events=[parse_event(e) for e in raw.get("events", [])],
            ))
    return items
