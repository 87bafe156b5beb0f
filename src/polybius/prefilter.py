"""Which sentences could hold an event at all: a cheap trigger check, measured by `polybius bench`.

Parsing is most of the cost of extraction. A sentence none of whose words reduces (by simple
suffix rules or the irregular-forms table) to a trigger lemma of verbs.yaml or nouns.yaml cannot
produce an event. `polybius bench` reports how many sentences of its corpus pass this check (the
most a parse-skipping prefilter could save) and how many gold events sit in sentences it would
skip (its recall loss). It is not wired into the pipeline: on news copy almost every sentence
passes (see the README's speed section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from polybius.coding.patterns import load_patterns

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Segment:
    """A sentence-sized piece of the cleaned text: [start, end) offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class Prefilter:
    vocabulary: frozenset[str]
    irregular: dict[str, str]
    abbreviations: frozenset[str]

    def lemmas(self, word: str) -> set[str]:
        """Candidate lemmas of a word: itself, its irregular base, regular suffixes stripped."""
        word = word.lower().strip("'-")
        found = {word, self.irregular.get(word, word)}
        for suffix, replacements in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ied", ("y",)), ("ed", ("", "e")),
                                     ("d", ("",)), ("ing", ("", "e")), ("ings", ("", "e"))):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                found.update(stem + r for r in replacements)
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    found.add(stem[:-1])  # "shelled" -> "shell" is in; "planned" -> "plan"
        return found

    def may_hold_event(self, text: str) -> bool:
        return any(self.lemmas(word) & self.vocabulary for word in WORD.findall(text))

    def segments(self, text: str) -> list[Segment]:
        """Sentences by punctuation and line breaks, not fooled by 'U.S.' or 'Lt. Gen.'."""
        pieces: list[Segment] = []
        for line in re.finditer(r"[^\n]+", text):
            start = line.start()
            for boundary in BOUNDARY.finditer(line.group()):
                cut = line.start() + boundary.start()
                before = text[start:cut].rsplit(None, 1)[-1].rstrip(".").lower() if text[start:cut].strip() else ""
                if before in self.abbreviations or len(before) == 1:
                    continue
                pieces.append(Segment(start, cut))
                start = line.start() + boundary.end()
            pieces.append(Segment(start, line.end()))
        return [p for p in pieces if text[p.start : p.end].strip()]


@cache
def load_prefilter() -> Prefilter:
    raw = yaml.safe_load(resources.files("polybius.coding").joinpath("data/prefilter.yaml").read_text("utf-8"))
    book = load_patterns()
    return Prefilter(
        vocabulary=frozenset(set(book.verbs) | set(book.nouns)),
        irregular={str(k).lower(): str(v).lower() for k, v in raw["irregular_forms"].items()},
        abbreviations=frozenset(str(a).lower() for a in raw["abbreviations"]),
    )
