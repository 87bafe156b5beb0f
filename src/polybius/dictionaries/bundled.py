"""The Phoenix actor and agent facts bundled with polybius (actors/data/phoenix/, converted from
PETRARCH2's dictionaries by scripts/convert_phoenix.py; provenance and licence in that folder)."""

from __future__ import annotations

from pathlib import Path

from polybius.dictionaries import tsv
from polybius.dictionaries.entries import DictActor, DictAgent

FOLDER = "phoenix"
ACTORS = "actors.tsv"
AGENTS = "agents.tsv"
# The short source names in the files and the PETRARCH2 file each stands for.
SOURCES = {
    "Countries": "Phoenix.Countries.actors.txt",
    "International": "Phoenix.International.actors.txt",
    "MilNonState": "Phoenix.MilNonState.actors.txt",
    "agents": "Phoenix.agents.txt",
}


def read_bundled_actors(folder: Path) -> list[DictActor]:
    return tsv.read_actors(folder / ACTORS, SOURCES)


def read_bundled_agents(folder: Path) -> list[DictAgent]:
    return tsv.read_agents(folder / AGENTS, SOURCES)
