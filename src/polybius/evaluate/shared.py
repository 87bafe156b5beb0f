"""Adapter for ../shared/eval/news_pages_dev: loose must / must_not criteria per article.

The gold is read in place (never copied). Each criterion is a set of conditions on one event;
a `must` passes when some event meets all of them, a `must_not` when no event does.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from polybius.models import Event, Status


@dataclass(frozen=True)
class CriterionResult:
    article_id: str
    kind: str  # "must" | "must_not"
    name: str
    passed: bool


def _admin1_text(event: Event) -> str:
    loc = event.location
    if loc is None or loc.lat is None:
        return ""
    return " ".join(filter(None, [loc.admin1, loc.name, loc.text])).lower()


def event_meets(event: Event, criterion: dict) -> bool:
    """All conditions of a criterion hold for this event (keys as in gold.json's "format")."""
    checks = {
        "cameo_root": lambda v: event.cameo.root in v,
        "source_country": lambda v: event.source.country == v,
        "target_country": lambda v: event.target.country == v,
        "source_country_in": lambda v: event.source.country in v,
        "target_country_in": lambda v: event.target.country in v,
        "location_country": lambda v: event.location is not None and event.location.country == v,
        "location_admin1_contains": lambda v: v in _admin1_text(event),
        "date": lambda v: event.date == dt.date.fromisoformat(v),
        "date_in": lambda v: event.date in {dt.date.fromisoformat(x) for x in v},
        "date_after": lambda v: event.date is not None and event.date >= dt.date.fromisoformat(v),
        "date_year": lambda v: event.date is not None and event.date.year == int(v),
        "fatalities": lambda v: event.fatalities == v,
        "status_in": lambda v: event.status.value in v,
        "status_asserted": lambda v: (event.status is Status.ASSERTED) == v,
        "has_attribution": lambda v: (event.attribution is not None) == v,
        "date_not_null": lambda v: (event.date is not None) == v,
    }
    for key, value in criterion.items():
        if key == "name":
            continue
        if key not in checks:
            raise ValueError(f"unknown criterion key {key!r}")
        if not checks[key](value):
            return False
    return True


def load_news_pages(folder: Path) -> tuple[list[dict], Path]:
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    return gold["articles"], folder / "texts"


def judge_article(article_id: str, criteria: dict, events: list[Event]) -> list[CriterionResult]:
    results = [
        CriterionResult(article_id, "must", c["name"], any(event_meets(e, c) for e in events))
        for c in criteria.get("must", [])
    ]
    results += [
        CriterionResult(article_id, "must_not", c["name"], not any(event_meets(e, c) for e in events))
        for c in criteria.get("must_not", [])
    ]
    return results
