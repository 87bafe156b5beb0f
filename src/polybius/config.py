"""Runtime settings, read from the environment so the CLI, the API and workers agree."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_HTML_SECONDS = 30.0
DEFAULT_FEED_SECONDS = 30.0
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
    html_seconds: float = DEFAULT_HTML_SECONDS  # time bound on extracting the text of one HTML page
    feed_seconds: float = DEFAULT_FEED_SECONDS  # time bound on fetching one feed URL

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            spacy_model=os.environ.get("POLYBIUS_SPACY_MODEL") or None,
            max_bytes=int(os.environ.get("POLYBIUS_MAX_BYTES", DEFAULT_MAX_BYTES)),
            phoenix=os.environ.get("POLYBIUS_PHOENIX", "1").strip().lower() not in OFF_WORDS,
            actor_files=_paths("POLYBIUS_ACTORS"),
            agent_files=_paths("POLYBIUS_AGENTS"),
            verb_files=_paths("POLYBIUS_VERBS"),
            html_seconds=float(os.environ.get("POLYBIUS_HTML_SECONDS", DEFAULT_HTML_SECONDS)),
            feed_seconds=float(os.environ.get("POLYBIUS_FEED_SECONDS", DEFAULT_FEED_SECONDS)),
        )
