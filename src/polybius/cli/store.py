"""`polybius ingest`, `query`, `export`: the store and the formats the field reads."""

from __future__ import annotations

import json
import os
import sqlite3
from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape

from polybius.cli.app import app, err, fail
from polybius.ingest.readers import parse_date


MAX_NOTES = 20  # replacement and repeat notes printed after an ingest (all are counted)


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    acled = "acled"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


def _filters(since, until, actor, country, cameo, plover, status, bbox, text):
    from polybius.export import Filters

    box = None
    if bbox:
        try:
            box = tuple(float(v) for v in bbox.split(","))
            assert len(box) == 4
        except (ValueError, AssertionError):
            raise typer.BadParameter("--bbox takes min_lon,min_lat,max_lon,max_lat") from None
    since, until = (_day(value, name) for value, name in ((since, "--since"), (until, "--until")))
    # Codes are stored upper-case (ISO3 countries), statuses lower-case: match either way they are typed.
    return Filters(since, until, actor, country.upper() if country else None, cameo, plover,
                   status.lower() if status else None, box, text)


def _day(value: str | None, option: str) -> str | None:
    """A date bound as YYYY-MM-DD; anything else is a usage error (never compared as a string)."""
    try:
        day = parse_date(value)
    except ValueError:
        raise typer.BadParameter(f"{option} takes a date YYYY-MM-DD, not {value!r}") from None
    return day.isoformat() if day else None


def _open_store(db: Path, readonly: bool):
    """The store, or one error line and exit 2: a missing file, a folder, not a store, damaged, read-only."""
    from polybius.store import Store, StoreError

    try:
        return Store(db, readonly=readonly)
    except FileNotFoundError as error:
        raise fail(error.strerror or str(error), 2) from None
    except StoreError as error:
        raise fail(str(error), 2) from None


@app.command()
def ingest(
    targets: list[str] = typer.Argument(..., help="Files, folders, JSONL batches, RSS/Atom feeds (file or URL), WARC archives."),
    db: Path = typer.Option(Path("polybius.sqlite"), "--db", help="The store (SQLite file, created if missing)."),
    processes: int = typer.Option(0, "--processes", "-p", help="Worker processes (0: one per core)."),
    follow: bool = typer.Option(False, "--follow", help="Keep polling the feed(s) for new entries."),
    interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --follow."),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Code articles into the store: idempotent, crash-safe, bad items recorded and skipped.

    Exit status: 0 every input was coded or already stored; 1 at least one input failed (listed on
    stderr and recorded in the store, the others were still coded); 2 the store cannot be used.
    """
    import itertools
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from polybius.batch import ingest as run_ingest
    from polybius.ingest.sources import expand, follow_feeds

    workers = processes or os.cpu_count() or 1
    if follow:
        items = follow_feeds(targets, interval)
    else:
        items = itertools.chain.from_iterable(expand(t) for t in targets)
    with _open_store(db, readonly=False) as store, Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"),
                                                             TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None, rate="")
        started = time.perf_counter()

        def tick(report) -> None:
            rate = report.coded / max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=report.coded, description=f"coded {report.coded}, skipped {report.skipped}, failed {report.failed}",
                            rate=f"{rate:.1f} articles/s")

        try:
            report = run_ingest(items, store, processes=workers, model=model, on_article=tick)
        except sqlite3.Error as error:  # disk full, a lock held too long: what was saved stays saved
            raise fail(f"writing to the store {db} failed ({error}); every article saved before it is kept", 1) from None
        counts = store.counts()
    for problem in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {escape(problem)}")
    for note in report.notes[:MAX_NOTES]:
        err.print(f"[cyan]note:[/cyan] {escape(note)}")
    if len(report.notes) > MAX_NOTES:
        err.print(f"[cyan]note:[/cyan] ... and {len(report.notes) - MAX_NOTES} more")
    extra = [f"{n} {what}" for n, what in ((report.replaced, "earlier versions replaced (same id or URL)"),
                                           (report.outdated, "older versions skipped"),
                                           (report.repeated, "repeated items skipped")) if n]
    err.print(f"read {report.read}, coded {report.coded}, already stored {report.skipped}, failed {report.failed}"
              f"{'; ' + ', '.join(extra) if extra else ''}; "
              f"store: {counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events")
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def query(
    db: Path = typer.Option(Path("polybius.sqlite"), "--db"),
    since: str | None = typer.Option(None, "--since"), until: str | None = typer.Option(None, "--until"),
    actor: str | None = typer.Option(None, "--actor", help="Actor code prefix or name fragment, either side."),
    country: str | None = typer.Option(None, "--country", help="ISO3 of either actor or the place."),
    cameo: str | None = typer.Option(None, "--cameo", help="CAMEO code prefix, e.g. 19 or 195."),
    plover: str | None = typer.Option(None, "--plover"), status: str | None = typer.Option(None, "--status"),
    bbox: str | None = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat"),
    text: str | None = typer.Option(None, "--text", help="Words in the sentence."),
    mentions: bool = typer.Option(False, "--mentions", help="Every mention instead of one row per event."),
    limit: int = typer.Option(50, "--limit"),
) -> None:
    """Print matching events from the store (one JSON object per line)."""
    from polybius.export import CSV_COLUMNS, rows

    filters = _filters(since, until, actor, country, cameo, plover, status, bbox, text)
    with _open_store(db, readonly=True) as store:
        try:
            for number, row in enumerate(rows(store, filters, mentions)):
                if number >= limit:
                    break
                typer.echo(json.dumps({k: row[k] for k in CSV_COLUMNS}, ensure_ascii=False))
        except sqlite3.DatabaseError as error:
            raise fail(f"cannot read the store {db}: {error}", 1) from None


@app.command("export")
def export_command(
    out: Path = typer.Argument(..., help="Output file."),
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f"),
    db: Path = typer.Option(Path("polybius.sqlite"), "--db"),
    since: str | None = typer.Option(None, "--since"), until: str | None = typer.Option(None, "--until"),
    actor: str | None = typer.Option(None, "--actor"), country: str | None = typer.Option(None, "--country"),
    cameo: str | None = typer.Option(None, "--cameo"), plover: str | None = typer.Option(None, "--plover"),
    status: str | None = typer.Option(None, "--status"), bbox: str | None = typer.Option(None, "--bbox"),
    text: str | None = typer.Option(None, "--text"),
    mentions: bool = typer.Option(False, "--mentions", help="Every mention instead of one row per event."),
) -> None:
    """Export events: GDELT 2.0 TSV, PLOVER JSON lines, ACLED CSV, CSV, Parquet or our JSON lines."""
    filters = _filters(since, until, actor, country, cameo, plover, status, bbox, text)
    with _open_store(db, readonly=True) as store:
        count = _write_export(store, fmt.value, out, filters, mentions, db)
    err.print(f"wrote {count} rows to {escape(str(out))}")


def _write_export(store, fmt: str, out: Path, filters, mentions: bool, db: Path) -> int:
    """Export into a hidden file beside `out`, renamed into place once whole: a failed export
    (disk full, a folder in the way) leaves no half-written file and ends in one error line."""
    from polybius.export import export

    if out.is_dir():
        raise fail(f"cannot write {out}: it is a folder; give a file name", 1)
    if not out.parent.is_dir():
        raise fail(f"cannot write {out}: the folder {out.parent} does not exist", 1)
    direct = out.exists() and not out.is_file()  # a device or pipe (/dev/stdout) is written as it is
    partial = out if direct else out.with_name(f".{out.name}.partial")
    try:
        count = export(store, fmt, partial, filters, mentions)
        if partial != out:
            os.replace(partial, out)
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}", 1) from None
    except sqlite3.DatabaseError as error:
        raise fail(f"cannot read the store {db}: {error}", 1) from None
    finally:
        if partial != out:
            partial.unlink(missing_ok=True)
    return count
