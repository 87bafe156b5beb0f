"""Tokens and dictionary patterns for actor phrases, built once from the YAML files in data/.

Matching is token-based so punctuation cannot hide a name ("U.S.-backed" is "US" + "backed",
"al-Qaeda" is "al" + "Qaeda"). Case is checked per pattern word so that ordinary words never become
actors: an all-capital pattern word ("US", "IS", "WHO") must match exactly, a capitalised one
("Turkey", "Chad") must be capitalised in the text, a lower-case one (sector nouns) matches any case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
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


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase means. `label` is the phrase as written in the data file."""

    kind: Kind
    label: str
    countries: tuple[str, ...] = ()  # more than one: ambiguous ("Congo"), settled by context_country
    sector: str | None = None
    rank: int = 0  # sector strength; see sectors.yaml
    refs: tuple[str, ...] = ()  # named-actor names sharing this alias, or the one IGO code
    origin: str = ""  # the dictionary that says so: "sectors.yaml", "Phoenix.agents.txt:250", a user's file:line
    agent_code: str | None = None  # a user agent's CAMEO code, kept as written ("GOVFRM"); with `prefix`
    prefix: bool = False  # the agent code goes before the country ("NGO~")


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


def is_plain(phrase: str) -> bool:
    """ASCII letters in words with single spaces: the tokenizer would only split it at the spaces."""
    return phrase.isascii() and phrase.replace(" ", "").isalpha() and "  " not in phrase and phrase.strip() == phrase
PhraseKey = tuple[tuple[str, ...], tuple[int, ...]]
Prepared = tuple[PhraseKey, tuple[str, ...]]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a dictionary phrase (a plain one is split without the tokenizer: faster)."""
    if is_plain(phrase):
        return tuple(phrase.split(" "))
    return tuple(token.text for token in tokenize(phrase))


def prepare(phrase: str) -> Prepared:
    """A phrase's lookup key (lower-cased words, case mode per word) and its words."""
    if is_plain(phrase):  # most names: split, and the case modes of a Title or lower-case phrase at once
        words = tuple(phrase.split(" "))
        lowered = tuple(phrase.lower().split(" "))
        if phrase.istitle():  # every word capitalised; a one-letter word ("V") is CAPITAL too
            return (lowered, (CAPITAL,) * len(words)), words
        if phrase.islower():
            return (lowered, (ANY,) * len(words)), words
    words = phrase_words(phrase)
    if not words:
        raise ValueError(f"empty dictionary phrase {phrase!r}")
    modes = tuple(EXACT if len(w) > 1 and w.isupper() else CAPITAL if w[0].isupper() else ANY for w in words)
    return (tuple(w.lower() for w in words), modes), words


class Lexicon:
    """Phrase -> Entry, matched longest-first from left to right.

    Dictionaries are layered: `add` builds one dictionary (a phrase listed twice with one meaning
    is ambiguous, with two it is an error), `add_below` the lowest-precedence one (a phrase taken by
    any other keeps its meaning; two of its own entries for one name make it ambiguous), `put`/`put_all`
    a higher-precedence one (it replaces the meaning). The lowest layer is only read, and patterns only
    indexed, when a text first holds a phrase's first word, so tens of thousands of names load quickly.
    """

    def __init__(self) -> None:
        self._entries: dict[PhraseKey, tuple[tuple[str, ...], Entry]] = {}
        self._keys_by_first: dict[str, list[PhraseKey]] | None = None
        self._by_first: dict[str, list[Pattern]] = {}
        self._below: dict[str, list[tuple[str, tuple]]] = {}  # first word -> lowest-layer phrases, Entry fields
        self._from_below: set[PhraseKey] = set()

    def add(self, phrase: str, entry: Entry) -> None:
        key, words = prepare(phrase)
        old = self._entries.get(key)
        self._entries[key] = (words, entry if old is None else _merge(old[1], entry, phrase))
        self._changed()

    def put(self, phrase: str, entry: Entry) -> None:
        key, words = prepare(phrase)
        self._entries[key] = (words, entry)
        self._changed()

    def entries(self) -> Iterator[Entry]:
        return (entry for _words, entry in self._entries.values())

    def keys(self, kinds: set[str]) -> set[PhraseKey]:
        return {key for key, (_words, entry) in self._entries.items() if entry.kind in kinds}

    def add_below(self, phrase: str, *fields: object) -> None:
        """`fields` are the Entry's, in order: the Entry is only built when its phrase is first read."""
        first = phrase.split(" ", 1)[0].lower() if is_plain(phrase) else prepare(phrase)[0][0][0]
        self._below.setdefault(first, []).append((phrase, fields))
        self._by_first.pop(first, None)

    def put_all(self, other: "Lexicon") -> None:
        self._entries.update(other._entries)
        self._changed()

    def _changed(self) -> None:
        self._keys_by_first = None
        self._by_first.clear()

    def scan(self, tokens: list[Token]) -> list[Match]:
        matches = []
        i = 0
        while i < len(tokens):
            for pattern in self._patterns(tokens[i].key):
                if pattern.fits(tokens, i):
                    matches.append(Match(pattern.entry, i, i + len(pattern.keys)))
                    i += len(pattern.keys)
                    break
            else:
                i += 1
        return matches

    def _read_below(self, first: str) -> None:
        for phrase, fields in self._below.pop(first, ()):
            key, words = prepare(phrase)
            entry = Entry(*fields)
            old = self._entries.get(key)
            if old is None:
                self._entries[key] = (words, entry)
                self._from_below.add(key)
                if self._keys_by_first is not None:
                    self._keys_by_first.setdefault(key[0][0], []).append(key)
            elif key in self._from_below and old[1].kind == entry.kind == "named":
                self._entries[key] = (old[0], _merge(old[1], entry, phrase))

    def _patterns(self, first: str) -> list[Pattern]:
        found = self._by_first.get(first)
        if found is None:
            if self._keys_by_first is None:
                self._keys_by_first = {}
                for key in self._entries:
                    self._keys_by_first.setdefault(key[0][0], []).append(key)
            self._read_below(first)
            found = []
            for key in self._keys_by_first.get(first, ()):
                words, entry = self._entries[key]
                found.append(Pattern(words, key[0], key[1], entry))
            found.sort(key=lambda p: -len(p.keys))
            self._by_first[first] = found
        return found


def _merge(old: Entry, new: Entry, phrase: str) -> Entry:
    """Same phrase listed twice: fine when it means the same kind of thing (then it is ambiguous)."""
    if old.kind != new.kind or old.sector != new.sector or old.rank != new.rank:
        raise ValueError(f"{phrase!r} is listed with two meanings: {old} / {new}")
    countries = old.countries + tuple(c for c in new.countries if c not in old.countries)
    refs = old.refs + tuple(r for r in new.refs if r not in old.refs)
    return Entry(old.kind, old.label, countries, old.sector, old.rank, refs, old.origin, old.agent_code, old.prefix)
