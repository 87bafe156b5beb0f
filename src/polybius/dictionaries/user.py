"""Users' own dictionaries in the TABARI/PETRARCH format (our YAML is read by `actors.knowledge`).

A user's file is read strictly: the first malformed entry stops loading with its file and line,
since a dictionary that silently loses entries codes events wrongly.
"""

from __future__ import annotations

from pathlib import Path

from functools import cache

from polybius.dictionaries import petrarch
from polybius.dictionaries.entries import DictActor, DictAgent, actor_of, agents_of
from polybius.dictionaries.verbs import VerbBook, verb_book


def read_user_actors(path: Path) -> list[DictActor]:
    return [actor_of(record) for record in petrarch.read_actors(path)]


def read_user_agents(path: Path) -> list[DictAgent]:
    return agents_of(petrarch.read_agents(path))


def read_user_verbs(path: Path, errors: list[petrarch.DictionaryError] | None = None) -> VerbBook:
    """A PETRARCH verbs file as PETRARCH phrase patterns (strict unless `errors` collects the bad lines)."""
    return verb_book(petrarch.read_verbs(path, errors))


@cache
def pattern_book(verb_files: tuple[Path, ...]):
    """Our pattern book with the users' verb dictionaries over it (later files win), once per process."""
    from polybius.coding.patterns import load_patterns, load_patterns_with
    from polybius.coding.phrase_patterns import PhraseBook

    if not verb_files:
        return load_patterns()
    phrases = PhraseBook()
    for path in verb_files:
        book = read_user_verbs(path).phrases
        phrases.by_lemma.update(book.by_lemma)
        phrases.by_form.update(book.by_form)
    return load_patterns_with(phrases)
