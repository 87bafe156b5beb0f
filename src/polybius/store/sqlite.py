"""SQLite store: one file, no server, transactional per article.

Why SQLite: it ships with Python, one file holds everything, every article is written in one
transaction (so a killed batch leaves only whole articles, and a re-run finishes the rest), and
any tool can read it. Analytics-heavy users export Parquet (`polybius export --format parquet`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from enum import Enum
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlparse

from courlan import extract_domain

from polybius.models import Article, ArticleResult, Event

EVENT_COLUMNS = [
    "event_id", "article_id", "cluster_id", "sentence_index", "date", "date_precision", "cameo_code", "cameo_root",
    "quad_class", "goldstein", "plover_type", "source_code", "source_country", "source_name", "target_code",
    "target_country", "target_name", "status", "attribution_code", "location_name", "location_country",
    "location_admin1", "lat", "lon", "geo_precision", "fatalities", "sentence", "record",
]


class Standing(str, Enum):
    """Where an article stands against the store. The rule: an article is its id (the JSONL id,
    else a hash of URL + text) and its text; one id or one URL holds one article.

    NEW: never seen. STORED: this id with this text is stored (skip). CHANGED: this id is stored
    with another text (code it; it replaces the old one). SUPERSEDED: this version was replaced by
    a later one with the same id or URL (skip: re-runs never bring an old version back).
    """

    NEW = "new"
    STORED = "stored"
    CHANGED = "changed"
    SUPERSEDED = "superseded"


def version_of(article_id: str, text: str) -> str:
    """One version of one article: its id and its exact text."""
    return hashlib.sha256(f"{article_id}\n{text}".encode()).hexdigest()[:16]


def cluster_key(event: Event) -> str:
    """The dedup rule: one event = same date, CAMEO root, source, target and place.

    Actors compare by code (else country), the place by admin1 (else name, else country). Mentions
    that agree on all five across sentences and articles are one event; anything unknown is part
    of the key as unknown, so an undated mention never merges with a dated one.
    """
    def actor(a) -> str:
        return a.code or a.country or ""

    place = ""
    if event.location is not None:
        place = f"{event.location.country}|{event.location.admin1 or event.location.name or ''}"
    parts = [str(event.date or ""), event.cameo.root, actor(event.source), actor(event.target), place]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def outlet_of(article: Article) -> str:
    """Who published the article, for NumSources: the publisher, else the URL's registered domain
    (courlan: edition.cnn.com and cnn.com are one source), else the article itself."""
    if article.publisher:
        return article.publisher.strip().lower()
    if article.url:
        host = extract_domain(article.url) or urlparse(article.url).hostname  # hostname: IPs, localhost
        if host:
            return host.lower().removeprefix("www.")
    return f"article:{article.article_id}"


class StoreError(Exception):
    """A store that cannot be used as asked (not a database, damaged, a folder): one line for the user."""


def _check_path(path: Path, must_exist: bool) -> None:
    """Say plainly what is wrong with a store's path before SQLite says it obscurely."""
    if path.is_dir():
        raise StoreError(f"the store {path} is a folder; give a file name, e.g. {path / 'polybius.sqlite'}")
    if not path.exists():
        if must_exist:
            raise FileNotFoundError(2, f"no store at {path}", str(path))
        if not path.parent.is_dir():
            raise StoreError(f"cannot create the store {path}: the folder {path.parent} does not exist")
    if not must_exist and not (os.access(path if path.exists() else path.parent, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreError(f"the store {path} is read-only (or its folder is): query and export can read it; writing needs write access")


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if not readonly:
        return sqlite3.connect(path, timeout=60)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=60)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        return conn
    except sqlite3.OperationalError:
        # A WAL store in a read-only folder: SQLite cannot make its shared-memory file there;
        # read it as an unchanging file (nobody can be writing into a read-only folder).
        return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=60)


def _status(result: ArticleResult) -> str:
    """'coded'; 'rejected' when nothing was parsed (not English, only page furniture); 'failed' on error."""
    if result.error:
        return "failed"
    return "coded" if result.sentences or not result.warnings else "rejected"


def _iso(day: dt.date | None) -> str | None:
    """The publication day as stored: from the article's metadata, else read from its page."""
    return day.isoformat() if day else None


def _event_row(event: Event) -> tuple:
    loc = event.location
    return (
        event.event_id, event.article_id, cluster_key(event), event.sentence_index,
        event.date.isoformat() if event.date else None, event.date_precision, event.cameo.code, event.cameo.root,
        event.cameo.quad_class, event.cameo.goldstein, event.plover.type, event.source.code, event.source.country,
        event.source.name, event.target.code, event.target.country, event.target.name, event.status.value,
        event.attribution.code if event.attribution else None, loc.name if loc else None, loc.country if loc else None,
        loc.admin1 if loc else None, loc.lat if loc else None, loc.lon if loc else None, loc.precision if loc else None,
        event.fatalities, event.sentence, event.model_dump_json(),
    )


def _relax_weights(conn: sqlite3.Connection, schema: str) -> None:
    """Stores written before codes outside CAMEO were allowed hold quad_class and goldstein NOT NULL.
    SQLite cannot drop a constraint in place: the events table is rebuilt with today's definition, in
    one transaction (its view is dropped first and made again, as SQLite's own procedure says)."""
    if not any(row["name"] == "quad_class" and row["notnull"] for row in conn.execute("PRAGMA table_info(events)")):
        return
    definition = re.search(r"CREATE TABLE IF NOT EXISTS events (\(.*?\n\));", schema, re.S)
    if definition is None:
        raise RuntimeError("schema.sql has no events table")
    columns = ", ".join(EVENT_COLUMNS)
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.executescript(
            f"BEGIN; DROP VIEW IF EXISTS clusters; CREATE TABLE events_relaxed {definition.group(1)};"
            f" INSERT INTO events_relaxed ({columns}) SELECT {columns} FROM events;"
            " DROP TABLE events; ALTER TABLE events_relaxed RENAME TO events; COMMIT;")
    except sqlite3.Error:
        conn.rollback()
        raise
    conn.executescript(schema)  # its indexes and the clusters view, on the new table
    conn.execute("PRAGMA foreign_keys = ON")


class Store:
    """Articles, event mentions, clusters and claim links in one SQLite file.

    `Store(path)` opens for writing and creates the file when missing (its folder must exist);
    a store whose pages are damaged is refused before anything is written into it.
    `Store(path, readonly=True)` opens an existing store for reading only: a read-only file or
    folder is enough, and a missing file is a FileNotFoundError, never a new empty store.
    """

    def __init__(self, path: Path | str, *, readonly: bool = False):
        self.path = Path(path)
        _check_path(self.path, must_exist=readonly)
        try:
            self.conn = _connect(self.path, readonly)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open the store {self.path}: {err}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            if readonly:
                self._check_tables()
            else:
                self._prepare_for_writing()
        except sqlite3.Error as err:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable polybius store: {err}") from None
        except StoreError:
            self.conn.close()
            raise

    def _prepare_for_writing(self) -> None:
        problems = [row[0] for row in self.conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StoreError(f"the store {self.path} is damaged, so nothing was written into it ({'; '.join(problems)}); "
                             "restore it from a copy, or ingest into a new file")
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "articles" not in tables:
            raise StoreError(f"{self.path} is a SQLite database of something else (tables: {', '.join(sorted(tables)[:5])}); "
                             "give a new file name for the store")
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        schema = resources.files("polybius.store").joinpath("schema.sql").read_text("utf-8")
        self.conn.executescript(schema)
        _relax_weights(self.conn, schema)

    def _check_tables(self) -> None:
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        missing = {"articles", "events", "clusters"} - tables
        if missing:
            raise StoreError(f"{self.path} is not a polybius store (no {', '.join(sorted(missing))} table)")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- ingestion ------------------------------------------------------------------------
    def standing(self, article: Article) -> Standing:
        """Whether this article still needs coding; see `Standing` for the rule."""
        version = version_of(article.article_id, article.text)
        if self.conn.execute("SELECT 1 FROM superseded WHERE version = ?", (version,)).fetchone():
            return Standing.SUPERSEDED
        row = self.conn.execute("SELECT text FROM articles WHERE article_id = ?", (article.article_id,)).fetchone()
        if row is None:
            return Standing.NEW
        return Standing.STORED if version_of(article.article_id, row["text"]) == version else Standing.CHANGED

    def save(self, article: Article, result: ArticleResult) -> list[str]:
        """Write one article and its events atomically; return the ids of the earlier versions it replaced.

        A different text under the same id or URL is a newer version: it replaces the stored one,
        and the replaced version is remembered so that reading it again never brings it back.
        """
        version = version_of(article.article_id, article.text)
        with self.conn:
            earlier = self.conn.execute("SELECT article_id, url, text FROM articles WHERE article_id = ? OR url = ?",
                                        (article.article_id, article.url)).fetchall()
            replaced = [row for row in earlier if version_of(row["article_id"], row["text"]) != version]
            self.conn.executemany(
                "INSERT OR IGNORE INTO superseded (version, article_id, url, replaced_by) VALUES (?, ?, ?, ?)",
                [(version_of(row["article_id"], row["text"]), row["article_id"], row["url"], article.article_id) for row in replaced],
            )
            self.conn.executemany("DELETE FROM articles WHERE article_id = ?", [(row["article_id"],) for row in earlier])
            self.conn.execute(
                "INSERT INTO articles (article_id, url, title, publisher, outlet, pub_date, source, text, status, error, warnings, sentences)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.article_id, article.url, article.title, article.publisher, outlet_of(article),
                 _iso(article.pub_date or result.pub_date), article.source_path, article.text,
                 _status(result), result.error, json.dumps(result.warnings), result.sentences),
            )
            self.conn.executemany(
                f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
                [_event_row(event) for event in result.events],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO conflicts (event_id, other_event_id) VALUES (?, ?)",
                [(event.event_id, other) for event in result.events for other in event.conflicts_with],
            )
        return [row["article_id"] for row in replaced]

    def record_failure(self, source: str, message: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO failures (source, message) VALUES (?, ?)", (source, message))

    # -- reading --------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles WHERE status = 'coded'"),
            "failed_articles": one("SELECT COUNT(*) FROM articles WHERE status = 'failed'"),
            "rejected_articles": one("SELECT COUNT(*) FROM articles WHERE status = 'rejected'"),
            "failures": one("SELECT COUNT(*) FROM failures"),
            "mentions": one("SELECT COUNT(*) FROM events"),
            "events": one("SELECT COUNT(*) FROM clusters"),
            "conflicts": one("SELECT COUNT(*) FROM conflicts"),
        }

    def events(self, where: str = "1", params: Iterable = (), *, clustered: bool = False) -> Iterator[sqlite3.Row]:
        """Event mentions (or one row per deduplicated event) with their article and cluster counts."""
        base = (
            "SELECT e.*, a.url, a.publisher, a.outlet, a.title, a.pub_date, c.num_mentions, c.num_sources, c.num_articles"
            " FROM events e JOIN articles a ON a.article_id = e.article_id JOIN clusters c ON c.cluster_id = e.cluster_id"
        )
        if clustered:
            base += " WHERE e.event_id = c.first_event_id AND (" + where + ")"
        else:
            base += " WHERE " + where
        yield from self.conn.execute(base + " ORDER BY e.date, e.event_id", tuple(params))

    def dump(self) -> dict[str, list[tuple]]:
        """Everything, in a stable order: for comparing two stores."""
        return {
            table: [tuple(row) for row in self.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
            for table in ("articles", "events", "conflicts", "failures", "superseded", "clusters")
        }

