"""Runtime settings, read from the environment so the CLI, the API and workers agree."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
OFF_WORDS = {"0", "false", "no", "off"}


def _paths(variable: str) -> tuple[str, ...]:
    """A list of files, separated as PATH is (':' on Unix)."""
    return tuple(p for p in os.environ.get(variable, "").split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    spacy_model: str | None
    max_bytes: int
    phoenix: bool = True  # the bundled Phoenix actor and agent dictionaries
    actor_files: tuple[str, ...] = ()  # users' actor dictionaries (PETRARCH format or our YAML)
    agent_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()  # users' verb dictionaries (PETRARCH format)

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            spacy_model=os.environ.get("POLYBIUS_SPACY_MODEL") or None,
            max_bytes=int(os.environ.get("POLYBIUS_MAX_BYTES", DEFAULT_MAX_BYTES)),
            phoenix=os.environ.get("POLYBIUS_PHOENIX", "1").strip().lower() not in OFF_WORDS,
            actor_files=_paths("POLYBIUS_ACTORS"),
            agent_files=_paths("POLYBIUS_AGENTS"),
            verb_files=_paths("POLYBIUS_VERBS"),
        )
