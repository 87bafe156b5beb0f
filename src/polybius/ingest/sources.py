"""Corpus sources for `polybius ingest`: folders, RSS/Atom feeds, WARC archives and Parquet files.

Each yields `(Article | IngestError, warnings)` like `read_path`, so the batch runner treats every
source the same way and a bad item is recorded without stopping the rest.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.client import HTTPException
from pathlib import Path

from polybius import __version__
from polybius.config import Settings
from polybius.ingest.parquet import read_parquet
from polybius.ingest.readers import IngestError, decode, read_path, read_text

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
        yield from read_feed(target, settings)
        return
    path = Path(target)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in ARTICLE_SUFFIXES or child.name.lower().endswith(WARC_SUFFIXES):
                yield from expand(str(child), settings)
        return
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, settings)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from read_feed(str(path), settings)
    elif path.suffix.lower() in PARQUET_SUFFIXES:
        yield from read_parquet(path, settings=settings)
    else:
        yield from read_path(path, settings=settings)


def _entry_date(entry) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*parsed[:3]) if parsed else None


def read_feed(location: str, settings: Settings | None = None) -> Iterator[Item]:
    """RSS/Atom with feedparser: each entry's full content when the feed carries it, else its summary."""
    import feedparser

    settings = settings or Settings.from_env()
    try:
        data = _feed_bytes(location, settings)
    except (OSError, HTTPException, ValueError) as err:
        yield IngestError(location, f"cannot fetch the feed: {_reason(err, settings)}"), []
        return
    feed = feedparser.parse(data)
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
                         publisher=publisher, title=entry.get("title"), settings=settings)
        yield item, []


def _feed_bytes(location: str, settings: Settings) -> bytes:
    """A feed file's or URL's bytes, within POLYBIUS_MAX_BYTES and, for a URL, POLYBIUS_FEED_SECONDS
    in all (a server that accepts and never answers must not hold the batch)."""
    if not is_feed_url(location):
        path = Path(location)
        if path.stat().st_size > settings.max_bytes:
            raise ValueError(f"over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)")
        return path.read_bytes()
    request = urllib.request.Request(location, headers={"User-Agent": f"polybius/{__version__}"})
    started = time.monotonic()
    chunks, size = [], 0
    with urllib.request.urlopen(request, timeout=settings.feed_seconds) as response:
        while chunk := response.read(2**16):
            size += len(chunk)
            if size > settings.max_bytes:
                raise ValueError(f"over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)")
            if time.monotonic() - started > settings.feed_seconds:
                raise TimeoutError(f"no complete answer within {settings.feed_seconds:g} s (POLYBIUS_FEED_SECONDS)")
            chunks.append(chunk)
    return b"".join(chunks)


def _reason(err: Exception, settings: Settings) -> str:
    """One line for the user: 'timed out', 'HTTP Error 404: Not Found', 'No such file or directory'."""
    if isinstance(err, urllib.error.URLError) and not isinstance(err, urllib.error.HTTPError):
        err = err.reason if isinstance(err.reason, Exception) else ValueError(str(err.reason))
    if isinstance(err, TimeoutError) and not str(err):
        return f"timed out after {settings.feed_seconds:g} s (POLYBIUS_FEED_SECONDS)"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__


def follow_feeds(locations: list[str], interval: float, polls: int | None = None) -> Iterator[Item]:
    """Poll every feed, then wait `interval` seconds, forever (or `polls` times): new entries come
    through; the store skips the ones it has."""
    done = 0
    while polls is None or done < polls:
        for location in locations:
            yield from read_feed(location)
        done += 1
        if polls is None or done < polls:
            time.sleep(interval)


def read_warc(path: Path, settings: Settings | None = None) -> Iterator[Item]:
    """HTML responses of a WARC/ARC archive (e.g. CC-News), extracted with trafilatura.

    Each record is held to POLYBIUS_MAX_BYTES. An archive that ends inside a record (a cut-off
    download) or cannot be read on is reported as a failure of the archive, after every whole
    record before the damage: what was read is kept.
    """
    from warcio.archiveiterator import ArchiveIterator

    settings = settings or Settings.from_env()
    number = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
                item = _warc_item(record, f"{path}#{number}", settings)
                while record.raw_stream.read(2**16):
                    pass  # the rest of the record, unread: a record cut short leaves part of its length
                if record.raw_stream.limit > 0 or not _declared_length(record):
                    yield IngestError(str(path), f"truncated archive: it ends inside record {number}; the records before it were read"), []
                    return
                if item is not None:
                    yield item
            if _has_bytes_after(stream, records.offset):
                yield IngestError(str(path), f"truncated or corrupt archive: bytes after record {number} are not a record; the records before them were read"), []
    except Exception as err:  # a corrupt archive: record it, keep what was read
        yield IngestError(str(path), f"unreadable archive after record {number} ({type(err).__name__}: {err})"), []


def _warc_item(record, where: str, settings: Settings) -> Item | None:
    """The article of one HTML response record, or why it has none; None for other records."""
    if record.rec_type != "response":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if "html" not in content_type.lower():
        return None
    try:
        data = record.content_stream().read(settings.max_bytes + 1)
    except Exception as err:  # a broken content encoding spoils this record only
        return IngestError(where, f"unreadable record ({type(err).__name__}: {err})"), []
    if len(data) > settings.max_bytes:
        return IngestError(where, f"record is over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)"), []
    try:
        html, warnings = decode(data)
    except ValueError as err:
        return IngestError(where, str(err)), []
    url = record.rec_headers.get_header("WARC-Target-URI")
    return read_text(html, source=where, kind="html", url=url, settings=settings), warnings


def _declared_length(record) -> bool:
    """Whether the record's header says how long it is (a header cut short does not)."""
    return (record.rec_headers.get_header("Content-Length") or "").strip().isdigit()


def _has_bytes_after(stream, offset: int) -> bool:
    """Whether anything but blank lines follows the last whole record."""
    stream.seek(offset)
    return bool(stream.read(4096).strip())
