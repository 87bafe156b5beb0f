"""Parquet files of articles: one row per article, the same fields as a JSONL batch line.

Rows go through `read_jsonl`, so a Parquet row and a JSONL line are validated alike and a bad row
is recorded as `PATH:ROW` (1-based) without stopping the file. Row groups are the unit a
scale-out engine splits a large file by.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from polybius.config import Settings
from polybius.ingest.readers import IngestError, read_jsonl

FIELDS = ("id", "text", "html", "url", "date", "publisher", "title")


def row_group_sizes(path: Path) -> list[int]:
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(path).metadata
    return [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


def _line(row: dict) -> str:
    record = {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in row.items() if v is not None}
    return json.dumps(record, ensure_ascii=False, default=str)


def read_parquet(path: Path, row_groups: Iterable[int] | None = None, settings: Settings | None = None) -> Iterator[tuple]:
    """`(Article | IngestError, warnings)` for every row (of the given row groups, in order)."""
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
        sizes = [handle.metadata.row_group(i).num_rows for i in range(handle.metadata.num_row_groups)]
        columns = [name for name in FIELDS if name in handle.schema_arrow.names]
    except Exception as err:  # not Parquet, truncated, unreadable: record it and go on
        yield IngestError(str(path), f"unreadable Parquet file ({type(err).__name__}: {err})"), []
        return
    if "text" not in columns and "html" not in columns:
        yield IngestError(str(path), 'a Parquet file of articles needs a "text" or "html" column'), []
        return
    for group in range(len(sizes)) if row_groups is None else row_groups:
        rows = handle.read_row_group(group, columns=columns).to_pylist()
        for item in read_jsonl(map(_line, rows), source=str(path), settings=settings, start=sum(sizes[:group]) + 1):
            yield item, []
