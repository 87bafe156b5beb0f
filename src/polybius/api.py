"""The Python API: extract from text, and read a store as pandas or Arrow frames.

    import polybius.api as pb
    events = pb.extract("Rebels shelled Idlib on Monday.", pub_date="2016-05-03")
    frame = pb.events("events.sqlite", country="SYR", since="2016-01-01")
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from polybius.config import Settings
from polybius.export import Filters, frame, rows
from polybius.ingest.readers import IngestError, parse_date, read_bytes, read_text
from polybius.models import Event
from polybius.store import Store


def extract(text: str | bytes, pub_date: str | None = None, url: str | None = None, model: str | None = None) -> list[Event]:
    """Events of one article's text (the pipeline is built once per process and reused).

    `text` may be bytes, decoded as files are (UTF-8, else Windows-1252); it is held to the
    POLYBIUS_MAX_BYTES limit like every input. Bad input raises TypeError or ValueError with the reason.
    """
    from polybius.pipeline import shared_pipeline

    settings = Settings.from_env()
    if isinstance(text, bytes | bytearray):
        article, _warnings = read_bytes(bytes(text), source="api", pub_date=parse_date(pub_date), url=url, settings=settings)
    elif isinstance(text, str):
        size = len(text.encode("utf-8", errors="surrogatepass"))
        if size > settings.max_bytes:
            raise ValueError(f"text is {size / 2**20:.1f} MiB, over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)")
        article = read_text(text, source="api", pub_date=parse_date(pub_date), url=url, settings=settings)
    else:
        raise TypeError(f"extract() takes the article's text as str or bytes, not {type(text).__name__}")
    if isinstance(article, IngestError):
        raise ValueError(article.message)
    return shared_pipeline(model).extract(article).events


def events(db: str | Path, mentions: bool = False, **filters):
    """Deduplicated events (or every mention) of a store as a pandas DataFrame; `date` and
    `pub_date` are dates (datetime.date, None where unknown), not strings.

    The store is opened read-only; a missing file is a FileNotFoundError (never a new empty store).
    Filters: since, until (YYYY-MM-DD), actor, country (ISO3, any case), cameo, plover, status, bbox, text.
    """
    checked = _filters(filters)
    with Store(db, readonly=True) as store:
        return frame(list(rows(store, checked, mentions)))


def events_arrow(db: str | Path, mentions: bool = False, **filters):
    """The same as `events`, as a pyarrow Table (dates as date32)."""
    import pyarrow as pa

    return pa.Table.from_pandas(events(db, mentions, **filters), preserve_index=False)


def _filters(filters: dict) -> Filters:
    known = {f.name for f in dataclasses.fields(Filters)}
    unknown = set(filters) - known
    if unknown:
        raise TypeError(f"unknown filter(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    for bound in ("since", "until"):
        if filters.get(bound) is not None:
            filters[bound] = parse_date(filters[bound]).isoformat()
    if filters.get("country"):
        filters["country"] = filters["country"].upper()
    if filters.get("status"):
        filters["status"] = filters["status"].lower()
    return Filters(**filters)
