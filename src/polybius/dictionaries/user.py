"""Users' own dictionaries in the TABARI/PETRARCH format (our YAML is read by `actors.knowledge`).

A user's file is read strictly: the first malformed entry stops loading with its file and line,
since a dictionary that silently loses entries codes events wrongly.
"""

from __future__ import annotations

from pathlib import Path

from polybius.dictionaries import petrarch
from polybius.dictionaries.entries import DictActor, DictAgent, actor_of, agents_of


def read_user_actors(path: Path) -> list[DictActor]:
    return [actor_of(record) for record in petrarch.read_actors(path)]


def read_user_agents(path: Path) -> list[DictAgent]:
    return agents_of(petrarch.read_agents(path))
