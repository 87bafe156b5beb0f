"""Runtime settings, read from the environment so the CLI, the API and workers agree."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_HTML_SECONDS = 30.0
DEFAULT_FEED_SECONDS = 30.0


@dataclass(frozen=True)
class Settings:
    spacy_model: str | None
    max_bytes: int
    html_seconds: float = DEFAULT_HTML_SECONDS  # time bound on extracting the text of one HTML page
    feed_seconds: float = DEFAULT_FEED_SECONDS  # time bound on fetching one feed URL

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            spacy_model=os.environ.get("POLYBIUS_SPACY_MODEL") or None,
            max_bytes=int(os.environ.get("POLYBIUS_MAX_BYTES", DEFAULT_MAX_BYTES)),
            html_seconds=float(os.environ.get("POLYBIUS_HTML_SECONDS", DEFAULT_HTML_SECONDS)),
            feed_seconds=float(os.environ.get("POLYBIUS_FEED_SECONDS", DEFAULT_FEED_SECONDS)),
        )
