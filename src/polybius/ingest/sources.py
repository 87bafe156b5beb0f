"""Corpus sources for `polybius ingest`: folders, RSS/Atom feeds, WARC archives and Parquet files.

Each yields `(Article | IngestError, warnings)` like `read_path`, so the batch runner treats every
source the same way and a bad item is recorded without stopping the rest.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

from polybius.config import Settings
from polybius.ingest.parquet import read_parquet
from polybius.ingest.readers import IngestError, read_path, read_text

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PARQUET_SUFFIXES = {".parquet"}
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", *FEED_SUFFIXES, *PARQUET_SUFFIXES}

Item = tuple  # (Article | IngestError, list[str])


def is_feed_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def expand(target: str, settings: Settings | None = None) -> Iterator[Item]:
    """Everything one command-line argument names: a file, a folder (recursively), a feed URL."""
    if is_feed_url(target):
        yield from read_feed(target)
        return
    path = Path(target)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in ARTICLE_SUFFIXES or child.name.lower().endswith(WARC_SUFFIXES):
                yield from expand(str(child), settings)
        return
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from read_feed(str(path))
    elif path.suffix.lower() in PARQUET_SUFFIXES:
        yield from read_parquet(path, settings=settings)
    else:
        yield from read_path(path, settings=settings)


def _entry_date(entry) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*parsed[:3]) if parsed else None


def read_feed(location: str) -> Iterator[Item]:
    """RSS/Atom with feedparser: each entry's full content when the feed carries it, else its summary."""
    import feedparser

    feed = feedparser.parse(location)
    if feed.bozo and not feed.entries:
        yield IngestError(location, f"not a readable feed ({type(feed.bozo_exception).__name__}: {feed.bozo_exception})"), []
        return
    publisher = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{location}#{number}"
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        if not body.strip():
            yield IngestError(where, "feed entry has no text"), []
            continue
        kind = "html" if "<" in body and ">" in body else "text"
        item = read_text(body if kind == "text" else f"<html><body><article>{body}</article></body></html>",
                         source=where, kind=kind, pub_date=_entry_date(entry), url=entry.get("link"),
                         publisher=publisher, title=entry.get("title"))
        yield item, []


def follow_feed(location: str, interval: float, polls: int | None = None) -> Iterator[Item]:
    """Poll a feed forever (or `polls` times): new entries come through; the store skips old ones."""
    done = 0
    while polls is None or done < polls:
        yield from read_feed(location)
        done += 1
        if polls is None or done < polls:
            time.sleep(interval)


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC/ARC archive (e.g. CC-News), extracted with trafilatura."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                where = f"{path}#{number}"
                data = record.content_stream().read()
                html = data.decode("utf-8", errors="replace")
                yield read_text(html, source=where, kind="html", url=url), []
    except Exception as err:  # a truncated or corrupt archive: record it, keep what was read
        yield IngestError(str(path), f"unreadable archive ({type(err).__name__}: {err})"), []
