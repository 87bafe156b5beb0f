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


@pytest.fixture(scope="session")
def example_store(tmp_path_factory, pipeline) -> Path:
    """Every bundled example in a store, as `polybius ingest examples` writes it (with the session's pipeline)."""
    from polybius.ingest.readers import IngestError
    from polybius.ingest.sources import expand
    from polybius.store import Store

    db = tmp_path_factory.mktemp("examples") / "events.sqlite"
    with Store(db) as store:
        for article, _warnings in expand(str(REPO / "examples")):
            assert not isinstance(article, IngestError), article
            store.save(article, pipeline.extract(article))
    return db


@pytest.fixture(scope="session")
def basemap() -> Path:
    """The dashboard's basemap, built by `make setup`; CI must have it, a bare checkout skips."""
    import os

    from polybius.serve.app import STATIC

    path = STATIC / "vendor" / "countries-50m.geojson"
    if not path.exists():
        message = f"the basemap is not built ({path}): run `make setup` (npm ci and node web/build.mjs)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
