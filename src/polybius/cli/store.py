"""`polybius ingest`, `query`, `export`: the store and the formats the field reads."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from polybius.cli.app import app, err


class Engine(str, Enum):
    local = "local"
    ray = "ray"


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
    return Filters(since, until, actor, country, cameo, plover, status, box, text)


@app.command()
def ingest(
    targets: list[str] = typer.Argument(None, help="Files, folders, JSONL batches, Parquet files of articles, RSS/Atom feeds (file or URL), WARC archives."),
    db: Path = typer.Option(Path("polybius.sqlite"), "--db", help="The store (SQLite file, created if missing)."),
    processes: int = typer.Option(0, "--processes", "-p", help="Worker processes (0: one per core)."),
    follow: bool = typer.Option(False, "--follow", help="Keep polling the feed(s) for new entries."),
    interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --follow."),
    model: str | None = typer.Option(None, "--model"),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this machine's processes; ray: shards on a Ray actor pool, via Parquet."),
    address: str = typer.Option("local", "--address", help="Ray: local (start one here), auto (join this machine's cluster) or ray://HOST:PORT."),
    workers: int = typer.Option(0, "--workers", help="Ray: actors, one model load each (0: one per CPU Ray sees)."),
    out: Path | None = typer.Option(None, "--out", help="Ray: Parquet output folder (default: beside the store, NAME.parquet)."),
    shard_size: int = typer.Option(200, "--shard-size", help="Ray: articles (JSONL lines, Parquet rows, files) per shard."),
    from_parquet: Path | None = typer.Option(None, "--from-parquet", help="Only merge the Parquet output of an earlier Ray job into the store."),
) -> None:
    """Code articles into the store: idempotent, crash-safe, bad items recorded and skipped."""
    import itertools
    import os

    if engine is Engine.ray or from_parquet is not None:
        from polybius.cli.scale import ingest_sharded

        if follow:
            raise typer.BadParameter("--follow polls feeds on this machine: use the local engine")
        ingest_sharded(targets or [], db, from_parquet=from_parquet, out=out, address=address, workers=workers,
                       shard_size=shard_size, model=model)
        return
    if not targets:
        raise typer.BadParameter("name at least one file, folder, feed or archive (or --from-parquet DIR)")

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from polybius.batch import ingest as run_ingest
    from polybius.ingest.sources import expand, follow_feed
    from polybius.store import Store

    workers = processes or os.cpu_count() or 1
    if follow:
        items = itertools.chain.from_iterable(follow_feed(t, interval) for t in targets)
    else:
        items = itertools.chain.from_iterable(expand(t) for t in targets)
    with Store(db) as store, Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"),
                                      TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None, rate="")
        started = __import__("time").perf_counter()

        def tick(report) -> None:
            rate = report.coded / max(__import__("time").perf_counter() - started, 1e-9)
            progress.update(task, completed=report.coded, description=f"coded {report.coded}, skipped {report.skipped}, failed {report.failed}",
                            rate=f"{rate:.1f} articles/s")

        report = run_ingest(items, store, processes=workers, model=model, on_article=tick)
        counts = store.counts()
    for problem in report.errors:
        err.print(f"[yellow]skipped:[/yellow] {problem}")
    err.print(f"read {report.read}, coded {report.coded}, already stored {report.skipped}, failed {report.failed}; "
              f"store: {counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events")


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
    from polybius.store import Store

    if not db.exists():
        err.print(f"[red]error:[/red] no store at {db}")
        raise typer.Exit(2)
    with Store(db) as store:
        for number, row in enumerate(rows(store, _filters(since, until, actor, country, cameo, plover, status, bbox, text), mentions)):
            if number >= limit:
                break
            typer.echo(json.dumps({k: row[k] for k in CSV_COLUMNS}, ensure_ascii=False))


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
    from polybius.export import export
    from polybius.store import Store

    if not db.exists():
        err.print(f"[red]error:[/red] no store at {db}")
        raise typer.Exit(2)
    with Store(db) as store:
        count = export(store, fmt.value, out, _filters(since, until, actor, country, cameo, plover, status, bbox, text), mentions)
    err.print(f"wrote {count} rows to {out}")
