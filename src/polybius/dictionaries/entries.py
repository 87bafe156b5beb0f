"""Dictionary entries as polybius loads them, whatever file they came from.

TABARI/PETRARCH files write names in capitals (`SERGEY_V._LAVROV`); news text does not. An actor's
names become capitalised words (`Sergey V. Lavrov`), so that the resolver's case rules apply: a
capitalised dictionary word only matches a capitalised word in the text. Short function words
stay lower-case (`Prince of Dol Amroth`), and a one-word name of at most three letters stays in
capitals, as acronyms are written (`PLO`, `IMF`), so that it never matches an ordinary word; a
four-letter one is capitalised like any name (`Bree`), which still matches `BREE` and `NATO`.
Agents are generic nouns and match in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from polybius.dictionaries.petrarch import ActorRecord, AgentRecord, CodeSpan

FUNCTION_WORDS = frozenset("of the and for in on at to de du des la le el al bin ibn van von der den da dos do y".split())
ACRONYM_LENGTH = 3


@dataclass(frozen=True)
class DictActor:
    """A named actor: its names, its CAMEO codes in order of precedence, and where it was written."""

    name: str
    aliases: tuple[str, ...]
    codes: tuple[CodeSpan, ...]
    origin: str  # "Phoenix.Countries.actors.txt:39797", "/home/me/ministers.txt:12"
    codes_text: str = ""  # codes as our TSV writes them, read only when the actor is first used

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def spans(self) -> tuple[CodeSpan, ...]:
        if self.codes or not self.codes_text:
            return self.codes
        from polybius.dictionaries.tsv import parse_code

        return tuple(parse_code(c) for c in self.codes_text.split())


@dataclass(frozen=True)
class DictAgent:
    """A generic actor noun ("foreign minister") and the CAMEO agent code it adds."""

    phrase: str  # lower case
    code: str  # "GOV", "GOVFRM", "NGO"
    prefix: bool  # "NGO~": the code goes before the country
    origin: str


def _word_case(word: str) -> str:
    if word.lower() in FUNCTION_WORDS:
        return word.lower()
    return re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), word)


def display_name(upper: str) -> str:
    """'SERGEY V. LAVROV' -> 'Sergey V. Lavrov'; 'PLO' stays 'PLO'; 'AL-QAEDA' -> 'Al-Qaeda'."""
    words = upper.split()
    letters = re.sub(r"[^A-Za-z]", "", upper)
    if len(words) == 1 and len(letters) <= ACRONYM_LENGTH and upper.upper() == upper:
        return upper
    cased = [_word_case(w) for w in words]
    cased[0] = cased[0][:1].upper() + cased[0][1:]  # "The AU" keeps its capital at the start
    return " ".join(cased)


def actor_of(record: ActorRecord, origin: str | None = None) -> DictActor:
    names = [display_name(n) for n in record.names]
    unique = list(dict.fromkeys(names))
    return DictActor(unique[0], tuple(unique[1:]), record.codes, origin or f"{record.path}:{record.line}")


def agents_of(records: Iterable[AgentRecord], origin_name: str | None = None) -> list[DictAgent]:
    return [
        DictAgent(phrase.lower(), record.code, record.prefix, f"{origin_name or record.path}:{record.line}")
        for record in records
        for phrase in record.phrases
    ]
