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
    # Why it failed, for error analysis: the closest events and the conditions they miss (must),
    # or the events that meet a must-not.
    evidence: tuple[str, ...] = ()


def _admin1_text(event: Event) -> str:
    loc = event.location
    if loc is None or loc.lat is None:
        return ""
    return " ".join(filter(None, [loc.admin1, loc.name, loc.text])).lower()


def event_meets(event: Event, criterion: dict) -> bool:
    """All conditions of a criterion hold for this event (keys as in gold.json's "format")."""
    return not failed_conditions(event, criterion)


def failed_conditions(event: Event, criterion: dict) -> list[str]:
    """The keys of a criterion that this event does not meet."""
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
    failed = []
    for key, value in criterion.items():
        if key == "name":
            continue
        if key not in checks:
            raise ValueError(f"unknown criterion key {key!r}")
        if not checks[key](value):
            failed.append(key)
    return failed


def describe(event: Event) -> str:
    """One line an analyst can check against the text: code, actors, date, place, toll, status."""
    def actor(a) -> str:
        return a.code or a.country or (f"'{a.text}'" if a.text else "-")

    loc = event.location
    place = f"{loc.name or loc.text} ({loc.country}, {loc.precision})" if loc is not None else "-"
    toll = f" killed={event.fatalities}" if event.fatalities is not None else ""
    return (f"s{event.sentence_index} '{event.trigger}' {event.cameo.code} {actor(event.source)}->{actor(event.target)}"
            f" date={event.date or '-'} place={place}{toll} {event.status.value}")


def _evidence(criterion: dict, events: list[Event], kind: str, limit: int = 3) -> tuple[str, ...]:
    if kind == "must_not":
        return tuple(describe(e) for e in events if event_meets(e, criterion))[:limit]
    ranked = sorted(((failed_conditions(e, criterion), i) for i, e in enumerate(events)), key=lambda pair: (len(pair[0]), pair[1]))
    return tuple(f"{describe(events[i])} -- misses {', '.join(f'{k}={criterion[k]}' for k in failed)}" for failed, i in ranked[:limit])


def load_news_pages(folder: Path) -> tuple[list[dict], Path]:
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    return gold["articles"], folder / "texts"


def judge_article(article_id: str, criteria: dict, events: list[Event]) -> list[CriterionResult]:
    results = []
    for kind in ("must", "must_not"):
        for criterion in criteria.get(kind, []):
            met = any(event_meets(e, criterion) for e in events)
            passed = met if kind == "must" else not met
            evidence = () if passed else _evidence(criterion, events, kind) or ("no events",)
            results.append(CriterionResult(article_id, kind, criterion["name"], passed, evidence))
    return results
