"""Read-only access to a polybius store for the web server.

Why not `polybius.store.Store`: that class opens for writing and creates the schema. A dashboard
must never change what it shows, so the server opens the file with SQLite's `mode=ro` URI and
`PRAGMA query_only`, one connection per request (SQLite connections are cheap and not shared
between threads), and checks once at start-up that the file is a polybius store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

REQUIRED = {"articles": "table", "events": "table", "conflicts": "table", "clusters": "view"}


class StoreUnavailable(Exception):
    """The file is missing, not SQLite, or not a polybius store (the message says which)."""


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection: writes fail with 'attempt to write a readonly database'."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def check_store(path: Path) -> dict[str, int]:
    """Fail with a clear message unless `path` is a readable polybius store; return its counts."""
    if not path.exists():
        raise StoreUnavailable(f"no store at {path}")
    if not path.is_file():
        raise StoreUnavailable(f"{path} is not a file")
    try:
        conn = connect(path)
        try:
            found = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").fetchall())
            missing = sorted(name for name, kind in REQUIRED.items() if found.get(name) != kind)
            if missing:
                raise StoreUnavailable(f"{path} is not a polybius store (missing: {', '.join(missing)})")
            return counts(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreUnavailable(f"cannot read {path}: {error}") from None


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT COUNT(*) FROM articles WHERE status = 'coded'"),
        "mentions": one("SELECT COUNT(*) FROM events"),
        "events": one("SELECT COUNT(DISTINCT cluster_id) FROM events"),  # the `clusters` view's rows, without its joins
        "conflicts": one("SELECT COUNT(*) FROM conflicts"),
    }
