"""The word lists behind date resolution, read once from `data/lexicon.yaml`.

Kept as data so that a reviewer can see (and extend) every phrase we resolve without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Relative:
    """A phrase anchored on the publication date, e.g. "last week" = (week, -1)."""

    unit: str
    offset: int


@dataclass(frozen=True)
class Lexicon:
    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, Relative]
    anaphoric: dict[str, int]  # phrase -> days from the story's reference day
    anaphoric_words: frozenset[str]
    numbers: dict[str, int]
    unit_minutes: dict[str, int]
    hedges: tuple[str, ...]
    prepositions: tuple[str, ...]
    event_prepositions: frozenset[str]
    bounding_prepositions: frozenset[str]
    background_words: frozenset[str]
    occurrence_verbs: frozenset[str]
    simultaneous_marks: frozenset[str]
    anaphoric_directions: dict[str, int]
    time_of_day: frozenset[str]
    reporting_verbs: frozenset[str]
    copyright_markers: tuple[str, ...]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    """Order alternatives so "as of" is tried before "of" and "a few" before "a"."""
    return tuple(sorted(words, key=len, reverse=True))


@cache
def load_lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files("polybius.temporal").joinpath("data/lexicon.yaml").read_text("utf-8"))
    return Lexicon(
        weekdays=dict(raw["weekdays"]),
        months=dict(raw["months"]),
        relative={phrase: Relative(**spec) for phrase, spec in raw["relative"].items()},
        anaphoric={phrase: int(days) for phrase, days in raw["anaphoric"].items()},
        anaphoric_words=frozenset(raw["anaphoric_words"]),
        numbers=dict(raw["numbers"]),
        unit_minutes=dict(raw["unit_minutes"]),
        hedges=_longest_first(raw["hedges"]),
        prepositions=_longest_first(raw["prepositions"]),
        event_prepositions=frozenset(raw["event_prepositions"]),
        bounding_prepositions=frozenset(raw["bounding_prepositions"]),
        background_words=frozenset(raw["background_words"]),
        occurrence_verbs=frozenset(raw["occurrence_verbs"]),
        simultaneous_marks=frozenset(raw["simultaneous_marks"]),
        anaphoric_directions={str(k): int(v) for k, v in raw["anaphoric_directions"].items()},
        time_of_day=frozenset(raw["time_of_day"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        copyright_markers=tuple(raw["copyright_markers"]),
    )
