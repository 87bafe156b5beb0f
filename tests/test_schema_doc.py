import json
from pathlib import Path

from polybius.models import Event


def test_published_schema_is_current():
    published = json.loads((Path(__file__).resolve().parents[1] / "docs" / "event.schema.json").read_text())
    assert published == Event.model_json_schema(), "run: polybius schema > docs/event.schema.json"
