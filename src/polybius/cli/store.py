"""`polybius ingest`, `query`, `export`: the store and the formats the field reads."""

from __future__ import annotations

import json
import os
import sqlite3
from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape

from polybius.cli.app import ACTORS_HELP, AGENTS_HELP, VERBS_HELP, _dictionaries, app, err, fail
from polybius.ingest.readers import parse_date


MAX_NOTES = 20  # replacement and repeat notes printed after an ingest (all are counted)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    acled = "acled"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


# The file name endings each format is written under; the first one picks the format when
# --format is not given (so .tsv is GDELT and .csv our flat CSV; ACLED CSV needs --format acled).
SUFFIXES: dict[ExportFormat, tuple[str, ...]] = {
    ExportFormat.parquet: (".parquet", ".pq"),
    ExportFormat.csv: (".csv",),
    ExportFormat.jsonl: (".jsonl", ".ndjson", ".json"),
    ExportFormat.gdelt: (".tsv", ".csv", ".txt"),
    ExportFormat.gdelt_mentions: (".tsv", ".csv", ".txt"),
    ExportFormat.plover: (".jsonl", ".ndjson", ".json"),
    ExportFormat.acled: (".csv",),
}

# Query filters, shared by `query` and `export`.
DB = typer.Option(Path("polybius.sqlite"), "--db", help="The store (SQLite file).")
SINCE = typer.Option(None, "--since", help="Events dated on or after this day, YYYY-MM-DD (undated events are left out).")
UNTIL = typer.Option(None, "--until", help="Events dated on or before this day, YYYY-MM-DD (undated events are left out).")
ACTOR = typer.Option(None, "--actor", help="Actor code prefix (RUSMIL, UNO) or name fragment, on either side.")
COUNTRY = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 code (SYR) of either actor or of the place.")
CAMEO = typer.Option(None, "--cameo", help="CAMEO code prefix: 19 (a root), 195, 1951.")
PLOVER = typer.Option(None, "--plover", help="PLOVER event type, e.g. ASSAULT (case-insensitive).")
STATUS = typer.Option(None, "--status", help="asserted, claimed, denied, negated, hypothetical or planned.")
BBOX = typer.Option(None, "--bbox", help="Place inside min_lon,min_lat,max_lon,max_lat (decimal degrees).")
TEXT = typer.Option(None, "--text", help="Words that occur in the event's sentence.")
MENTIONS = typer.Option(False, "--mentions", help="Every mention instead of one row per deduplicated event.")


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


def _export_format(out: Path, fmt: ExportFormat | None) -> ExportFormat:
    """The format asked for, or the one the file name says; a file name that says otherwise is refused."""
    suffix = out.suffix.lower()
    if fmt is None:
        inferred = next((f for f, endings in SUFFIXES.items() if suffix == endings[0]), None)
        if inferred is None:
            known = ", ".join(sorted({endings[0] for endings in SUFFIXES.values()}))
            raise typer.BadParameter(f"cannot tell the format from the name {out.name!r} (known endings: {known}); "
                                     "give --format", param_hint="OUT")
        return inferred
    if suffix and suffix not in SUFFIXES[fmt]:
        raise typer.BadParameter(f"{out.name!r} does not end like {fmt.value} output ({', '.join(SUFFIXES[fmt])}); "
                                 "rename the file or change --format", param_hint="OUT")
    return fmt


def _known_total(targets: list[str]) -> int | None:
    """How many items the targets hold, when that is cheap to know: local article files and JSONL
    batches (one per line). None for feeds and archives, whose size is only known by reading them."""
    from polybius.ingest.readers import JSONL_SUFFIXES
    from polybius.ingest.sources import ARTICLE_SUFFIXES, FEED_SUFFIXES, WARC_SUFFIXES, is_feed_url

    total = 0
    for target in targets:
        if is_feed_url(target):
            return None
        path = Path(target)
        files = [p for p in path.rglob("*") if p.is_file() and (p.suffix.lower() in ARTICLE_SUFFIXES
                                                               or p.name.lower().endswith(WARC_SUFFIXES))] if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith(WARC_SUFFIXES) or file.suffix.lower() in FEED_SUFFIXES:
                return None
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1  # unreadable: it becomes one recorded failure
            else:
                total += 1
    return total


@app.command()
def ingest(
    targets: list[str] = typer.Argument(None, help="Files, folders, JSONL batches, Parquet files of articles, RSS/Atom feeds (file or URL), WARC archives."),
    db: Path = typer.Option(Path("polybius.sqlite"), "--db", help="The store (SQLite file, created if missing)."),
    processes: int = typer.Option(0, "--processes", "-p", help="Worker processes (0: one per core)."),
    follow: bool = typer.Option(False, "--follow", help="Keep polling the feed(s) for new entries."),
    interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --follow."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name (default: $POLYBIUS_SPACY_MODEL, en_core_web_sm, its mirror)."),
    actors: list[Path] = typer.Option(None, "--actors", help=ACTORS_HELP),
    agents: list[Path] = typer.Option(None, "--agents", help=AGENTS_HELP),
    verbs: list[Path] = typer.Option(None, "--verbs", help=VERBS_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this machine's processes; ray: shards on a Ray actor pool, via Parquet."),
    address: str = typer.Option("local", "--address", help="Ray: local (start one here), auto (join this machine's cluster) or ray://HOST:PORT."),
    workers: int = typer.Option(0, "--workers", help="Ray: actors, one model load each (0: one per CPU Ray sees)."),
    out: Path | None = typer.Option(None, "--out", help="Ray: Parquet output folder (default: beside the store, NAME.parquet)."),
    shard_size: int = typer.Option(200, "--shard-size", help="Ray: articles (JSONL lines, Parquet rows, files) per shard."),
    from_parquet: Path | None = typer.Option(None, "--from-parquet", help="Only merge the Parquet output of an earlier Ray job into the store."),
) -> None:
    """Code articles into the store: idempotent, crash-safe, bad items recorded and skipped.

    Exit status: 0 every input was coded or already stored; 1 at least one input failed (listed on
    stderr and recorded in the store, the others were still coded); 2 the store cannot be used.
    """
    import itertools
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from polybius.actors import resolver_for
    from polybius.dictionaries.user import pattern_book

    from polybius.batch import ingest as run_ingest
    from polybius.ingest.sources import expand, follow_feeds

    dictionaries = _dictionaries(actors, agents, verbs)
    try:  # a malformed dictionary is a usage error, before any worker starts
        resolver_for(dictionaries)
        pattern_book(dictionaries.verbs)
    except (ValueError, OSError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    if engine is Engine.ray or from_parquet is not None:
        from polybius.cli.scale import ingest_sharded

        if follow:
            raise typer.BadParameter("--follow polls feeds on this machine: use the local engine")
        ingest_sharded(targets or [], db, from_parquet=from_parquet, out=out, address=address, workers=workers,
                       shard_size=shard_size, model=model, dictionaries=dictionaries)
        return
    if not targets:
        raise typer.BadParameter("name at least one file, folder, feed or archive (or --from-parquet DIR)")
    workers = processes or os.cpu_count() or 1
    if follow:
        items = follow_feeds(targets, interval)
    else:
        items = itertools.chain.from_iterable(expand(t) for t in targets)
    total = None if follow else _known_total(targets)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn()]
    with _open_store(db, readonly=False) as store, Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=total, rate="")
        started = time.perf_counter()

        def tick(report) -> None:
            rate = report.coded / max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=report.read, rate=f"{rate:.1f} articles/s",
                            description=f"coded {report.coded}, skipped {report.skipped}, failed {report.failed}")

        try:
            report = run_ingest(items, store, processes=workers, model=model, on_article=tick, dictionaries=dictionaries)
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
    db: Path = DB, since: str | None = SINCE, until: str | None = UNTIL, actor: str | None = ACTOR,
    country: str | None = COUNTRY, cameo: str | None = CAMEO, plover: str | None = PLOVER,
    status: str | None = STATUS, bbox: str | None = BBOX, text: str | None = TEXT, mentions: bool = MENTIONS,
    limit: int = typer.Option(50, "--limit", help="Print at most this many events."),
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
    out: Path = typer.Argument(..., help="Output file; its ending picks the format when --format is not given "
                                         "(.tsv GDELT, .csv CSV, .parquet Parquet, .jsonl our records)."),
    fmt: ExportFormat | None = typer.Option(None, "--format", "-f", help="Output format (default: from OUT's ending)."),
    db: Path = DB, since: str | None = SINCE, until: str | None = UNTIL, actor: str | None = ACTOR,
    country: str | None = COUNTRY, cameo: str | None = CAMEO, plover: str | None = PLOVER,
    status: str | None = STATUS, bbox: str | None = BBOX, text: str | None = TEXT, mentions: bool = MENTIONS,
) -> None:
    """Export events: GDELT 2.0 events or mentions TSV, PLOVER JSON lines, ACLED CSV, CSV, Parquet or our JSON lines."""
    chosen = _export_format(out, fmt)
    if mentions and chosen is ExportFormat.gdelt:
        raise typer.BadParameter("GDELT's events table has one row per event; for mentions use --format gdelt-mentions",
                                 param_hint="--mentions")
    filters = _filters(since, until, actor, country, cameo, plover, status, bbox, text)
    with _open_store(db, readonly=True) as store:
        result = _write_export(store, chosen.value, out, filters, mentions, db)
    if result.left_out:
        err.print(f"[yellow]warning:[/yellow] {result.left_out} events left out: {result.why_left_out}")
    err.print(f"wrote {result.rows} {chosen.value} rows to {escape(str(out))}")


def _write_export(store, fmt: str, out: Path, filters, mentions: bool, db: Path):
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
        result = export(store, fmt, partial, filters, mentions)
        if partial != out:
            os.replace(partial, out)
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}", 1) from None
    except sqlite3.DatabaseError as error:
        raise fail(f"cannot read the store {db}: {error}", 1) from None
    finally:
        if partial != out:
            partial.unlink(missing_ok=True)
    return result
