"""Writers for extracted events: JSON Lines, one JSON array, or flat CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from polybius.models import Event

CSV_COLUMNS = [
    "event_id", "article_id", "sentence_index", "trigger", "cameo.code", "cameo.root", "cameo.quad_class",
    "cameo.goldstein", "plover.type", "plover.mode", "source.text", "source.code", "source.country",
    "source.sector", "source.name", "target.text", "target.code", "target.country", "target.sector",
    "target.name", "attribution.text", "attribution.country", "status", "date", "date_precision", "date_text",
    "location.name", "location.country", "location.admin1", "location.lat", "location.lon",
    "location.precision", "fatalities", "injured", "confidence", "sentence",
]


def _flatten(record: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = ";".join(str(v) for v in value)
        else:
            flat[name] = value
    return flat


class EventWriter:
    """Streams events in the chosen format; JSON needs `close()` to end the array."""

    def __init__(self, stream: IO[str], fmt: str):
        self.stream, self.fmt, self.count = stream, fmt, 0
        if fmt == "csv":
            self.csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self.csv.writeheader()
        elif fmt == "json":
            stream.write("[")

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            record = event.model_dump(mode="json")
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                self.stream.write(("," if self.count else "") + "\n  " + json.dumps(record, ensure_ascii=False))
            else:
                self.csv.writerow(_flatten(record))
            self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()
