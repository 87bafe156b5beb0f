"""Shared fixtures: one spaCy pipeline and one extraction pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AFP_EXAMPLE = SHARED / "examples" / "naharnet-191001-russian-strikes-syria.txt"


@pytest.fixture(scope="session")
def nlp():
    from polybius.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from polybius.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def afp_text() -> str:
    if not AFP_EXAMPLE.exists():
        pytest.skip("../shared/examples is not present on this machine")
    return AFP_EXAMPLE.read_text("utf-8")
