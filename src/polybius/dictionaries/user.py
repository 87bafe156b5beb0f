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
    """A PETRARCH verbs file as our verb patterns (strict unless `errors` collects the bad lines)."""
    from polybius.coding.ontology import all_codes

    return verb_book(petrarch.read_verbs(path, errors), frozenset(all_codes()))


@cache
def pattern_book(verb_files: tuple[Path, ...]):
    """Our pattern book with the users' verb dictionaries over it (later files win), once per process."""
    from polybius.coding.patterns import load_patterns, load_patterns_with

    if not verb_files:
        return load_patterns()
    verbs: dict[str, list[dict]] = {}
    for path in verb_files:
        verbs.update(read_user_verbs(path).verbs)
    return load_patterns_with(verbs)
