"""Adapter for PETRARCH2's validation suite (../shared/eval/petrarch2_validation/), read in place.

The suite's records (`PETR.UnitTest.records.xml`) are sentences with the events PETRARCH2 should
code: source and target actor codes and a CAMEO code. Its actors are mostly invented countries
(Arnor, Gondor), so the suite's own actor and agent dictionaries are loaded as user dictionaries.
Every sentence is coded with its own date as the publication date.

Agreement is counted per expected event: the expected events of a sentence are paired one to one
with its predicted events (the best-agreeing first), and an expected event agrees on the root, on
the full code, on the source alone and on both actors (whatever the code: `source`, `actors`), and
on the triple (source, target, code). Actors are compared on their first three letters, the country or
group, as the suite's SOURCE.md describes codes (`actors`, `triple`), and on the whole code
(`triple_exact`). Predicted events left unpaired are counted as `extra`; sentences
that expect no event agree when nothing is coded.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from polybius.dictionaries import DictionarySet
from polybius.models import Article, Event

RECORDS = "PETR.UnitTest.records.xml"
MEASURES = ("root", "code", "source", "actors", "triple", "triple_exact")


@dataclass(frozen=True)
class Expected:
    source: str
    target: str
    code: str


@dataclass(frozen=True)
class SuiteRecord:
    record_id: str
    category: str
    date: dt.date
    text: str
    expected: tuple[Expected, ...]


@dataclass(frozen=True)
class Suite:
    records: list[SuiteRecord]
    actors: Path
    agents: Path
    verbs: Path | None


def load_suite(folder: Path) -> Suite:
    root = ET.parse(folder / RECORDS).getroot()
    environment = {child.tag: (child.text or "").strip() for child in root.find("Environment")}
    records = []
    for sentence in root.iter("Sentence"):
        if sentence.get("sentence", "true").lower() != "true":
            continue
        expected = tuple(
            Expected(coding.get("sourcecode", "").strip('"'), coding.get("targetcode", "").strip('"'), coding.get("eventcode", ""))
            for coding in sentence.findall("EventCoding") if coding.get("eventcode")
        )
        text = " ".join((sentence.findtext("Text") or "").split())
        date = dt.datetime.strptime(sentence.get("date", ""), "%Y%m%d").date()
        records.append(SuiteRecord(sentence.get("id", ""), (sentence.get("category") or "").upper(), date, text, expected))
    verbs = folder / environment["Verbfile"] if environment.get("Verbfile") else None
    return Suite(records, folder / environment["Actorfile"], folder / environment["Agentfile"], verbs)


def _root(code: str | None) -> str:
    return (code or "")[:2]


def _actor(code: str | None, exact: bool) -> str:
    code = code or "---"
    return code if exact else code[:3]


def _agreement(expected: Expected, event: Event) -> dict[str, bool]:
    code = event.cameo.code
    same_code = code == expected.code
    same_actors = all(_actor(a, False) == _actor(b, False) for a, b in ((event.source.code, expected.source), (event.target.code, expected.target)))
    return {
        "root": _root(code) == _root(expected.code),
        "code": same_code,
        "source": _actor(event.source.code, False) == _actor(expected.source, False),
        "actors": same_actors,
        "triple": same_code and same_actors,
        "triple_exact": same_code and (event.source.code or "---") == expected.source and (event.target.code or "---") == expected.target,
    }


@dataclass
class SuiteScores:
    expected: Counter = field(default_factory=Counter)  # per category
    agree: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # measure -> category -> count
    extra: Counter = field(default_factory=Counter)
    empty_records: Counter = field(default_factory=Counter)  # sentences expecting no event
    empty_agree: Counter = field(default_factory=Counter)
    details: list[dict] = field(default_factory=list)
    verbs: dict[str, int] = field(default_factory=dict)  # the suite's verb dictionary: what was read and left out

    def add(self, record: SuiteRecord, events: list[Event]) -> None:
        category = record.category
        if not record.expected:
            self.empty_records[category] += 1
            self.empty_agree[category] += not events
        remaining = list(events)
        paired = []
        for expected in record.expected:
            self.expected[category] += 1
            scored = [(tuple(_agreement(expected, e)[m] for m in reversed(MEASURES)), k) for k, e in enumerate(remaining)]
            best = max(scored)[1] if scored else None
            agreement = _agreement(expected, remaining.pop(best)) if best is not None else dict.fromkeys(MEASURES, False)
            for measure, ok in agreement.items():
                self.agree[measure][category] += ok
            paired.append(agreement)
        self.extra[category] += len(remaining)
        self.details.append({
            "id": record.record_id, "category": category,
            "expected": [e.__dict__ for e in record.expected],
            "predicted": [{"source": e.source.code, "target": e.target.code, "code": e.cameo.code, "trigger": e.trigger} for e in events],
            "agreement": paired,
        })

    def rate(self, measure: str, category: str | None = None) -> float:
        total = self.expected[category] if category else sum(self.expected.values())
        hits = self.agree[measure][category] if category else sum(self.agree[measure].values())
        return round(hits / total, 3) if total else 0.0

    def to_json(self) -> dict:
        categories = sorted(set(self.expected) | set(self.empty_records))
        return {
            "expected_events": sum(self.expected.values()),
            "suite_verbs": self.verbs,
            "overall": {m: self.rate(m) for m in MEASURES} | {
                "extra_events": sum(self.extra.values()),
                "empty_sentences": sum(self.empty_records.values()),
                "empty_sentences_agree": sum(self.empty_agree.values())},
            "per_category": {
                c: {"expected": self.expected[c], **{m: self.rate(m, c) for m in MEASURES}, "extra": self.extra[c],
                    "empty_sentences": self.empty_records[c], "empty_agree": self.empty_agree[c]}
                for c in categories
            },
            "records": self.details,
        }


def evaluate_suite(folder: Path, model: str | None = None, dictionaries: DictionarySet | None = None,
                   nlp: Language | None = None, suite_verbs: bool = True) -> SuiteScores:
    """Code every sentence of the suite with its dictionaries on top of `dictionaries` (default: the settings).

    With `suite_verbs`, the suite's verb dictionary replaces our patterns for the verbs it lists (its
    codes are its own test codes, mostly WEIS); its deliberately malformed lines are counted, not fatal.
    """
    from polybius.coding.coder import EventCoder
    from polybius.coding.patterns import load_patterns_with
    from polybius.dictionaries.petrarch import DictionaryError
    from polybius.dictionaries.user import read_user_verbs
    from polybius.pipeline import Pipeline

    suite = load_suite(folder)
    chosen = (dictionaries or DictionarySet.from_env()).adding([suite.actors], [suite.agents])
    pipeline = Pipeline(model=model, nlp=nlp, dictionaries=chosen)
    scores = SuiteScores()
    if suite_verbs and suite.verbs is not None and suite.verbs.is_file():
        malformed: list[DictionaryError] = []
        book = read_user_verbs(suite.verbs, malformed)
        pipeline.coder = EventCoder(load_patterns_with(book.phrases))
        scores.verbs = {"verbs": len(book.phrases.by_lemma), "patterns": book.patterns,
                        "malformed_lines": len(malformed), **{f"left out: {k}": v for k, v in book.skipped.items()}}
    articles = [Article(article_id=r.record_id, text=r.text, pub_date=r.date) for r in suite.records]
    for record, result in zip(suite.records, pipeline.run(articles)):
        scores.add(record, result.events)
    return scores
