"""Load the verb and noun pattern dictionaries (data/verbs.yaml, data/nouns.yaml).

The format is documented at the top of each file. Matching picks, among a lemma's patterns whose
conditions all hold, the one with the most conditions (the most specific); ties go to the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import yaml

from polybius.coding.phrase_patterns import PhraseBook

VERB_CONDITIONS = ("subject_any", "object_any", "prep", "pobj_any", "particle", "xcomp_any", "negated")
NOUN_CONDITIONS = ("modifier_any", "plural", "prep", "subject_any")
DEFAULT_NOUN_SOURCE = ("poss", "amod", "compound", "prep:by")
DEFAULT_NOUN_TARGET = ("prep:on", "prep:against")


@dataclass(frozen=True)
class Pattern:
    """One line of the dictionary: conditions on the parse, the CAMEO code, where the actors are."""

    lemma: str
    code: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    subject_any: frozenset[str] = frozenset()
    object_any: frozenset[str] = frozenset()
    modifier_any: frozenset[str] = frozenset()
    xcomp_any: frozenset[str] = frozenset()
    pobj_any: frozenset[str] = frozenset()  # the object of `prep` ("warned X of consequences")
    prep: str | None = None
    particle: str | None = None
    plural: bool | None = None
    negated: bool | None = None
    order: int = 0

    @property
    def specificity(self) -> int:
        return sum(
            bool(value)
            for value in (self.subject_any, self.object_any, self.modifier_any, self.xcomp_any, self.pobj_any, self.prep, self.particle)
        ) + (self.plural is not None) + (self.negated is not None)

    @property
    def pattern_id(self) -> str:
        return f"{self.lemma}#{self.order}"


@dataclass(frozen=True)
class Rules:
    """Sentence-level rules from data/rules.yaml (documented there)."""

    content_roots: frozenset[str] = frozenset()
    content_codes: frozenset[str] = frozenset()
    intent_cues: frozenset[str] = frozenset()
    own_intent_cues: frozenset[str] = frozenset()
    intent_codes: dict[str, str] = field(default_factory=dict)
    aggregate_subjects: frozenset[str] = frozenset()
    venue_roots: frozenset[str] = frozenset()
    symmetric_codes: frozenset[str] = frozenset()
    non_local_words: frozenset[str] = frozenset()
    object_consuming_roots: frozenset[str] = frozenset()
    unconventional_codes: frozenset[str] = frozenset()
    unconventional_code: str | None = None
    unconventional_sources: frozenset[str | None] = frozenset()
    unconventional_targets: frozenset[str] = frozenset()
    instrument_objects: frozenset[str] = frozenset()
    agent_compounds: frozenset[str] = frozenset()
    carrier_roots: frozenset[str] = frozenset()
    object_target_roots: frozenset[str] = frozenset()
    object_target_preps: tuple[str, ...] = ()
    default_sources: dict[str, str] = field(default_factory=dict)
    domestic_roots: frozenset[str] = frozenset()
    domestic_place_roots: frozenset[str] = frozenset()
    visit_codes: frozenset[str] = frozenset()
    threat_conditions: frozenset[str] = frozenset()
    response_verbs: frozenset[str] = frozenset()
    threat_codes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, raw: dict) -> "Rules":
        return cls(
            content_roots=frozenset(str(r) for r in raw.get("content_roots", [])),
            content_codes=frozenset(str(c) for c in raw.get("content_codes", [])),
            intent_cues=frozenset(str(w).lower() for w in raw.get("intent_cues", [])),
            own_intent_cues=frozenset(str(w).lower() for w in raw.get("own_intent_cues", [])),
            intent_codes={str(k): str(v) for k, v in (raw.get("intent_codes") or {}).items()},
            aggregate_subjects=frozenset(str(w).lower() for w in raw.get("aggregate_subjects", [])),
            venue_roots=frozenset(str(r) for r in raw.get("venue_roots", [])),
            symmetric_codes=frozenset(str(c) for c in raw.get("symmetric_codes", [])),
            non_local_words=frozenset(str(w).lower() for w in raw.get("non_local_words", [])),
            object_consuming_roots=frozenset(str(r) for r in raw.get("object_consuming_roots", [])),
            unconventional_codes=frozenset(str(c) for c in (raw.get("unconventional") or {}).get("codes", [])),
            unconventional_code=(raw.get("unconventional") or {}).get("becomes"),
            unconventional_sources=frozenset(None if v is None else str(v) for v in (raw.get("unconventional") or {}).get("sources", [])),
            unconventional_targets=frozenset(str(v) for v in (raw.get("unconventional") or {}).get("targets", [])),
            instrument_objects=frozenset(str(w).lower() for w in raw.get("instrument_objects", [])),
            agent_compounds=frozenset(str(w).lower() for w in raw.get("agent_compounds", [])),
            carrier_roots=frozenset(str(r) for r in raw.get("carrier_roots", [])),
            object_target_roots=frozenset(str(r) for r in (raw.get("object_targets") or {}).get("roots", [])),
            object_target_preps=tuple(str(p) for p in (raw.get("object_targets") or {}).get("prepositions", [])),
            default_sources={str(k): str(v) for k, v in (raw.get("default_sources") or {}).items()},
            domestic_roots=frozenset(str(r) for r in raw.get("domestic_roots", [])),
            domestic_place_roots=frozenset(str(r) for r in raw.get("domestic_place_roots", [])),
            visit_codes=frozenset(str(c) for c in raw.get("visit_codes", [])),
            threat_conditions=frozenset(str(w).lower() for w in (raw.get("threats") or {}).get("conditions", [])),
            response_verbs=frozenset(str(w).lower() for w in (raw.get("threats") or {}).get("response_verbs", [])),
            threat_codes={str(k): str(v) for k, v in ((raw.get("threats") or {}).get("codes") or {}).items()},
        )


@dataclass(frozen=True)
class PatternBook:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    light_verbs: frozenset[str] = field(default_factory=frozenset)
    occurrence_verbs: frozenset[str] = field(default_factory=frozenset)
    rules: Rules = field(default_factory=Rules)
    phrases: PhraseBook | None = None  # users' PETRARCH verbs: where they have a verb, they alone code it


def _as_tuple(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _words(value: object) -> frozenset[str]:
    if not value:
        return frozenset()
    return frozenset(str(v).lower() for v in value)


def _pattern(lemma: str, order: int, raw: dict, *, noun: bool) -> Pattern:
    allowed = set(NOUN_CONDITIONS if noun else VERB_CONDITIONS) | {"code", "source", "target", "note", "comment"}
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(f"pattern {lemma}#{order}: unknown keys {sorted(unknown)}")
    code = raw.get("code")
    return Pattern(
        lemma=lemma,
        code=None if code is None else str(code),
        source=_as_tuple(raw.get("source"), DEFAULT_NOUN_SOURCE if noun else ("subj",)),
        target=_as_tuple(raw.get("target"), DEFAULT_NOUN_TARGET if noun else ("dobj",)),
        subject_any=_words(raw.get("subject_any")),
        object_any=_words(raw.get("object_any")),
        modifier_any=_words(raw.get("modifier_any")),
        xcomp_any=_words(raw.get("xcomp_any")),
        pobj_any=_words(raw.get("pobj_any")),
        prep=raw.get("prep"),
        particle=raw.get("particle"),
        plural=raw.get("plural"),
        negated=raw.get("negated"),
        order=order,
    )


def _read(name: str) -> dict:
    text = resources.files("polybius.coding").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text) or {}


def _book(entries: dict, *, noun: bool) -> dict[str, tuple[Pattern, ...]]:
    book: dict[str, tuple[Pattern, ...]] = {}
    for lemma, patterns in entries.items():
        book[str(lemma).lower()] = tuple(_pattern(str(lemma).lower(), i, p, noun=noun) for i, p in enumerate(patterns or []))
    return book


def build_book(verbs: dict, nouns: dict, rules: dict | None = None) -> PatternBook:
    """A pattern book from the parsed YAML mappings (also used by tests with small dictionaries)."""
    return PatternBook(
        verbs=_book(verbs or {}, noun=False),
        nouns=_book(nouns.get("nouns", {}) or {}, noun=True),
        light_verbs=frozenset(str(v).lower() for v in nouns.get("light_verbs", [])),
        occurrence_verbs=frozenset(str(v).lower() for v in nouns.get("occurrence_verbs", [])),
        rules=Rules.from_mapping(rules or {}),
    )


@cache
def load_patterns() -> PatternBook:
    return build_book(_read("verbs.yaml"), _read("nouns.yaml"), _read("rules.yaml"))


def load_patterns_with(phrases: PhraseBook) -> PatternBook:
    """Our book with users' PETRARCH verbs over it: each of their verbs replaces ours."""
    return replace(load_patterns(), phrases=phrases)


def best_match(patterns: tuple[Pattern, ...], holds) -> Pattern | None:
    """The most specific pattern whose conditions all hold (`holds(pattern) -> bool`)."""
    matching = [p for p in patterns if holds(p)]
    if not matching:
        return None
    return max(matching, key=lambda p: (p.specificity, -p.order))
