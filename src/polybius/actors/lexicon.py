"""Tokens and dictionary patterns for actor phrases, built once from the YAML files in data/.

Matching is token-based so punctuation cannot hide a name ("U.S.-backed" is "US" + "backed",
"al-Qaeda" is "al" + "Qaeda"). Case is checked per pattern word so that ordinary words never become
actors: an all-capital pattern word ("US", "IS", "WHO") must match exactly, a capitalised one
("Turkey", "Chad") must be capitalised in the text, a lower-case one (sector nouns) matches any case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["country", "sector", "named", "igo"]
ANY, CAPITAL, EXACT = 0, 1, 2

_TOKEN_RE = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_]+(?:['’][^\W_]+)*|[&,;]")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    text: str  # surface without periods and apostrophes: "U.S." -> "US", "Qa'ida" -> "Qaida"
    key: str  # lower-cased text, the lookup key
    start: int  # character offsets into the original phrase
    end: int


def _fold(text: str) -> tuple[str, list[int]]:
    """Strip accents ("Erdoğan" -> "Erdogan") keeping, for each output char, its input offset."""
    if text.isascii():
        return text, list(range(len(text) + 1))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if not unicodedata.combining(part):
                chars.append(part)
                origin.append(index)
    return "".join(chars), origin + [len(text)]


def tokenize(phrase: str) -> list[Token]:
    folded, origin = _fold(phrase)
    tokens = []
    for found in _TOKEN_RE.finditer(folded):
        raw, end = found.group(), found.end()
        possessive = _POSSESSIVE_RE.search(raw)
        if possessive and len(raw) > 2:
            raw, end = raw[: possessive.start()], end - len(possessive.group())
        text = raw.replace(".", "").replace("'", "").replace("’", "")
        if text:
            tokens.append(Token(text, text.lower(), origin[found.start()], origin[end - 1] + 1))
    return tokens


def _case_mode(word: str) -> int:
    if len(word) > 1 and word.isupper():
        return EXACT
    return CAPITAL if word[:1].isupper() else ANY


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase means. `label` is the phrase as written in the data file."""

    kind: Kind
    label: str
    countries: tuple[str, ...] = ()  # more than one: ambiguous ("Congo"), settled by context_country
    sector: str | None = None
    rank: int = 0  # sector strength; see sectors.yaml
    refs: tuple[str, ...] = ()  # named-actor names sharing this alias, or the one IGO code


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]
    keys: tuple[str, ...]
    modes: tuple[int, ...]
    entry: Entry

    def fits(self, tokens: list[Token], at: int) -> bool:
        if at + len(self.keys) > len(tokens):
            return False
        for offset, (word, key, mode) in enumerate(zip(self.words, self.keys, self.modes)):
            token = tokens[at + offset]
            if token.key != key:
                return False
            if mode == EXACT and token.text != word or mode == CAPITAL and not token.text[:1].isupper():
                return False
        return True


@dataclass(frozen=True)
class Match:
    entry: Entry
    i: int  # first token
    j: int  # one past the last token


class Lexicon:
    """Phrase -> Entry, matched longest-first from left to right."""

    def __init__(self) -> None:
        self._entries: dict[tuple[tuple[str, ...], tuple[int, ...]], tuple[tuple[str, ...], Entry]] = {}
        self._by_first: dict[str, list[Pattern]] = {}

    def add(self, phrase: str, entry: Entry) -> None:
        words = tuple(token.text for token in tokenize(phrase))
        if not words:
            raise ValueError(f"empty dictionary phrase for {entry.label!r}")
        key = (tuple(w.lower() for w in words), tuple(_case_mode(w) for w in words))
        old = self._entries.get(key)
        self._entries[key] = (words, entry if old is None else _merge(old[1], entry, phrase))
        self._by_first.clear()

    def scan(self, tokens: list[Token]) -> list[Match]:
        if not self._by_first:
            self._index()
        matches = []
        i = 0
        while i < len(tokens):
            for pattern in self._by_first.get(tokens[i].key, ()):
                if pattern.fits(tokens, i):
                    matches.append(Match(pattern.entry, i, i + len(pattern.keys)))
                    i += len(pattern.keys)
                    break
            else:
                i += 1
        return matches

    def _index(self) -> None:
        for (keys, modes), (words, entry) in self._entries.items():
            self._by_first.setdefault(keys[0], []).append(Pattern(words, keys, modes, entry))
        for patterns in self._by_first.values():
            patterns.sort(key=lambda p: -len(p.keys))


def _merge(old: Entry, new: Entry, phrase: str) -> Entry:
    """Same phrase listed twice: fine when it means the same kind of thing (then it is ambiguous)."""
    if old.kind != new.kind or old.sector != new.sector or old.rank != new.rank:
        raise ValueError(f"{phrase!r} is listed with two meanings: {old} / {new}")
    countries = old.countries + tuple(c for c in new.countries if c not in old.countries)
    refs = old.refs + tuple(r for r in new.refs if r not in old.refs)
    return Entry(old.kind, old.label, countries, old.sector, old.rank, refs)
