"""The Python API: extract from text, and read a store as pandas or Arrow frames.

    import polybius.api as pb
    events = pb.extract("Rebels shelled Idlib on Monday.", pub_date="2016-05-03")
    frame = pb.events("events.sqlite", country="SYR", since="2016-01-01")
"""

from __future__ import annotations

from pathlib import Path

from polybius.export import Filters, frame, rows
from polybius.ingest.readers import IngestError, parse_date, read_text
from polybius.models import Event
from polybius.store import Store


def extract(text: str, pub_date: str | None = None, url: str | None = None, model: str | None = None) -> list[Event]:
    """Events of one article's text (the pipeline is built once per process and reused)."""
    from polybius.pipeline import shared_pipeline

    article = read_text(text, source="api", pub_date=parse_date(pub_date), url=url)
    if isinstance(article, IngestError):
        raise ValueError(article.message)
    return shared_pipeline(model).extract(article).events


def events(db: str | Path, mentions: bool = False, **filters):
    """Deduplicated events (or every mention) of a store as a pandas DataFrame; `date` and
    `pub_date` are dates (datetime.date, None where unknown), not strings."""
    with Store(db) as store:
        return frame(list(rows(store, Filters(**filters), mentions)))


def events_arrow(db: str | Path, mentions: bool = False, **filters):
    """The same as `events`, as a pyarrow Table (dates as date32)."""
    import pyarrow as pa

    return pa.Table.from_pandas(events(db, mentions, **filters), preserve_index=False)
