"""Runtime settings, read from the environment so the CLI, the API and workers agree."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    spacy_model: str | None
    max_bytes: int

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            spacy_model=os.environ.get("POLYBIUS_SPACY_MODEL") or None,
            max_bytes=int(os.environ.get("POLYBIUS_MAX_BYTES", DEFAULT_MAX_BYTES)),
        )
