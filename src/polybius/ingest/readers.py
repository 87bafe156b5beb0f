"""Readers for plain text, HTML, stdin and JSONL batches.

Every reader yields either an `Article` or an `IngestError`: a bad item is reported with a clear
message and the batch goes on. Nothing here raises on bad *content*.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import charset_normalizer

from polybius.config import Settings
from polybius.ingest.deadline import DeadlineExceeded, deadline
from polybius.models import Article

Kind = Literal["auto", "text", "html"]
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class IngestError:
    """A rejected input item: where it came from and why, in one line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def article_id_for(text: str, url: str | None) -> str:
    """Content hash + URL: the same article ingested twice gets the same id."""
    digest = hashlib.sha256(f"{url or ''}\n{text}".encode("utf-8")).hexdigest()
    return digest[:16]


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text. UTF-8 first; otherwise charset-normalizer's guess (Windows-1252 when it has
    none), with a warning; binary is refused."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary content (NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        guess = charset_normalizer.from_bytes(data).best()
        encoding = guess.encoding if guess is not None else "cp1252"
        warnings.append(f"not valid UTF-8 (first bad byte at offset {err.start}); decoded as {encoding}")
        text = str(guess) if guess is not None else data.decode("cp1252", errors="replace")
    if looks_binary(text):
        raise ValueError("binary content (control characters), not text")
    return text, warnings


def looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.05 * max(1, min(len(text), 8192))


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """Accept YYYY-MM-DD (or a full ISO timestamp); raise ValueError with the bad value otherwise."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"publication date {text!r} is not YYYY-MM-DD") from None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _from_html(html: str, source: str, pub_date: dt.date | None, url: str | None, publisher: str | None,
               settings: Settings) -> Article | IngestError:
    import trafilatura

    try:
        with deadline(settings.html_seconds):
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except DeadlineExceeded:
        return IngestError(source, f"HTML text extraction took over {settings.html_seconds:g} s (POLYBIUS_HTML_SECONDS); page skipped")
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return IngestError(source, "HTML page has no extractable article text")
    page_date: dt.date | None = None
    if doc is not None and doc.date:
        try:
            page_date = parse_date(doc.date)
        except ValueError:
            page_date = None
    final_url = url or (doc.url if doc is not None else None)
    return Article(
        article_id=article_id_for(text, final_url),
        text=text,
        url=final_url,
        title=doc.title if doc is not None else None,
        publisher=publisher or (doc.sitename if doc is not None else None),
        pub_date=pub_date or page_date,
        source_path=source,
    )


def read_bytes(
    data: bytes,
    *,
    source: str,
    kind: Kind = "auto",
    pub_date: dt.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    settings: Settings | None = None,
) -> tuple[Article | IngestError, list[str]]:
    """One document's bytes to an Article, or an IngestError; plus warnings for the user."""
    settings = settings or Settings.from_env()
    if len(data) > settings.max_bytes:
        mib = len(data) / 2**20
        return IngestError(source, f"input is {mib:.1f} MiB, over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)"), []
    try:
        text, warnings = decode(data)
    except ValueError as err:
        return IngestError(source, str(err)), []
    return read_text(text, source=source, kind=kind, pub_date=pub_date, url=url, publisher=publisher, settings=settings), warnings


def read_text(
    text: str,
    *,
    source: str,
    kind: Kind = "auto",
    pub_date: dt.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Article | IngestError:
    if not text.strip():
        return IngestError(source, "empty input: no text")
    if looks_binary(text):
        return IngestError(source, "binary content (control characters), not text")
    if kind == "html" or (kind == "auto" and _looks_like_html(text)):
        return _from_html(text, source, pub_date, url, publisher, settings or Settings.from_env())
    return Article(
        article_id=article_id_for(text, url),
        text=text,
        url=url,
        title=title,
        publisher=publisher,
        pub_date=pub_date,
        source_path=source,
    )


def read_jsonl(lines: Iterable[str], *, source: str, settings: Settings | None = None, start: int = 1) -> Iterator[Article | IngestError]:
    """A JSONL batch: one `{"id", "text"|"html", "url", "date", "publisher"}` object per line.

    `start` numbers the first line, so a slice of a large file reports the file's own line numbers.
    """
    settings = settings or Settings.from_env()
    for number, line in enumerate(lines, start=start):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > settings.max_bytes:
            yield IngestError(where, f"line is over the {settings.max_bytes / 2**20:.1f} MiB limit")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestError(where, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield IngestError(where, "a JSONL line must be an object")
            continue
        try:
            pub_date = parse_date(record.get("date"))
        except ValueError as err:
            yield IngestError(where, str(err))
            continue
        body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
        if not isinstance(body, str):
            yield IngestError(where, 'needs a "text" or "html" string')
            continue
        item = read_text(
            body,
            source=where,
            kind=kind,
            pub_date=pub_date,
            url=record.get("url"),
            publisher=record.get("publisher"),
            title=record.get("title"),
            settings=settings,
        )
        if isinstance(item, Article) and record.get("id"):
            item = item.model_copy(update={"article_id": str(record["id"])})
        yield item


def read_path(
    path: Path,
    *,
    pub_date: dt.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    settings: Settings | None = None,
) -> Iterator[tuple[Article | IngestError, list[str]]]:
    """Dispatch on the file type: JSONL batches yield many items, other files one."""
    settings = settings or Settings.from_env()
    source = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            yield IngestError(source, "is a directory (pass files; folders come with `polybius ingest`)"), []
            return
    except OSError as err:
        yield IngestError(source, f"cannot read: {err.strerror or err}"), []
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                for item in read_jsonl(_bounded_lines(handle, settings.max_bytes), source=source, settings=settings):
                    yield item, []
        except OSError as err:  # unreadable, or a disk error part-way: the lines read so far stand
            yield IngestError(source, f"cannot read: {err.strerror or err}"), []
        return
    if size > settings.max_bytes:
        yield IngestError(source, f"file is {size / 2**20:.1f} MiB, over the {settings.max_bytes / 2**20:.1f} MiB limit (POLYBIUS_MAX_BYTES)"), []
        return
    kind: Kind = "html" if path.suffix.lower() in HTML_SUFFIXES else "auto"
    sidecar = _sidecar(path)
    try:
        pub_date = pub_date or parse_date(sidecar.get("date"))
    except ValueError as err:
        yield IngestError(f"{path.with_suffix('.meta.json')}", str(err)), []
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield IngestError(source, f"cannot read: {err.strerror or err}"), []
        return
    yield read_bytes(data, source=source, kind=kind, pub_date=pub_date, url=url or sidecar.get("url"),
                     publisher=publisher or sidecar.get("publisher"), settings=settings)


def _bounded_lines(handle, limit: int) -> Iterator[str]:
    """The file's lines, none held in memory past `limit` characters: a longer line yields its
    first `limit + 1` characters (which the reader refuses as over the limit) and the rest is skipped."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            while (rest := handle.readline(2**20)) and not rest.endswith("\n"):
                pass
        yield line


def _sidecar(path: Path) -> dict:
    """Metadata of `article.txt` from `article.meta.json` beside it ({"date", "url", "publisher"}), if any."""
    meta = path.with_suffix(".meta.json")
    try:
        data = json.loads(meta.read_text("utf-8")) if meta.is_file() else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
