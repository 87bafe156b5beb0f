"""Actor, agent and verb dictionaries from outside polybius: the TABARI/PETRARCH formats, the bundled
Phoenix facts and users' own files. `DictionarySet` says which of them a pipeline loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from polybius.config import Settings


@dataclass(frozen=True)
class DictionarySet:
    """What an actor resolver loads besides our hand-written YAML, lowest precedence first:
    the bundled Phoenix facts (`phoenix`), then the users' actor and agent files in order."""

    phoenix: bool = True
    actors: tuple[Path, ...] = field(default_factory=tuple)
    agents: tuple[Path, ...] = field(default_factory=tuple)
    verbs: tuple[Path, ...] = field(default_factory=tuple)  # users' verb dictionaries (PETRARCH format)

    @classmethod
    def from_env(cls) -> "DictionarySet":
        settings = Settings.from_env()
        return cls(settings.phoenix, tuple(map(Path, settings.actor_files)), tuple(map(Path, settings.agent_files)),
                   tuple(map(Path, settings.verb_files)))

    def adding(self, actors: list[Path] | None = None, agents: list[Path] | None = None,
               verbs: list[Path] | None = None) -> "DictionarySet":
        """These files on top (the command line comes after the settings)."""
        return DictionarySet(self.phoenix, (*self.actors, *(actors or [])), (*self.agents, *(agents or [])),
                             (*self.verbs, *(verbs or [])))


__all__ = ["DictionarySet"]
