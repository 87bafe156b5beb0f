"""The `polybius` command line.

Exit codes: 0 every input was read (zero events is not an error); 1 at least one input was
rejected (its error is printed on stderr, the other inputs were still processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from polybius import __version__
from polybius.ingest import IngestError, read_path
from polybius.ingest.readers import parse_date, read_bytes, read_jsonl
from polybius.models import Article, Event
from polybius.output import EventWriter

app = typer.Typer(help="Political event data from news articles.", no_args_is_help=True, add_completion=False)
err = Console(stderr=True, highlight=False)


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def _date_option(value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _inputs(paths: list[str], pub_date: dt.date | None, url: str | None, publisher: str | None):
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            if data.lstrip()[:1] == b"{" and b"\n{" in data:
                for item in read_jsonl(data.decode("utf-8", errors="replace").splitlines(), source="stdin"):
                    yield item, []
            else:
                yield read_bytes(data, source="stdin", pub_date=pub_date, url=url, publisher=publisher)
        else:
            yield from read_path(Path(raw), pub_date=pub_date, url=url, publisher=publisher)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files (text, HTML, JSONL) or - for stdin."),
    date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD: anchors 'Thursday', 'yesterday'."),
    url: str | None = typer.Option(None, "--url", help="Source URL of the article."),
    publisher: str | None = typer.Option(None, "--publisher"),
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name (default: $POLYBIUS_SPACY_MODEL, en_core_web_sm, its mirror)."),
) -> None:
    """Print the events found in each article (one JSON object per line by default)."""
    pub_date = _date_option(date)
    from polybius.parse import ModelNotFound
    from polybius.pipeline import Pipeline

    try:
        pipeline = Pipeline(model=model)
    except ModelNotFound as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    writer = EventWriter(sys.stdout, fmt.value)
    rejected = 0
    articles: list[Article] = []
    for item, warnings in _inputs(paths, pub_date, url, publisher):
        for warning in warnings:
            err.print(f"[yellow]warning:[/yellow] {getattr(item, 'source', None) or getattr(item, 'source_path', '')}: {warning}")
        if isinstance(item, IngestError):
            err.print(f"[red]error:[/red] {item}")
            rejected += 1
        else:
            articles.append(item)
    for article, result in zip(articles, pipeline.run(articles)):
        where = article.source_path or article.article_id
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/yellow] {where}: {warning}")
        if result.error:
            err.print(f"[red]error:[/red] {where}: {result.error}")
            rejected += 1
        writer.write(result.events)
    writer.close()
    raise typer.Exit(1 if rejected else 0)


class By(str, Enum):
    root = "root"
    code = "code"
    plover = "plover"


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL (eval/gold/*.jsonl) or a shared set folder with gold.json."),
    by: By = typer.Option(By.root, "--by", help="Category to score."),
    fields: str = typer.Option("actors,status,date,location", "--fields", help="Fields to score on matched pairs."),
    report: Path | None = typer.Option(None, "--report", help="Write the full JSON report here."),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Score the extractor against gold: precision/recall/F1 per category, field accuracy, confusion."""
    from rich.table import Table

    from polybius.evaluate.runner import evaluate as run_evaluation
    from polybius.pipeline import Pipeline

    if not gold.exists():
        err.print(f"[red]error:[/red] {gold} does not exist")
        raise typer.Exit(2)
    result = run_evaluation(gold, Pipeline(model=model), by=by.value, fields=[f for f in fields.split(",") if f])
    out = Console(highlight=False)
    data = result.to_json()
    if "scores" in data:
        scores = data["scores"]
        table = Table(title=f"{gold} by {by.value}")
        for column in ("category", "precision", "recall", "f1", "tp", "fp", "fn"):
            table.add_column(column, justify="right" if column != "category" else "left")
        for label, row in [*scores["per_category"].items(), ("ALL", scores["overall"])]:
            table.add_row(label, *(str(row[k]) for k in ("precision", "recall", "f1", "tp", "fp", "fn")))
        out.print(table)
        fields_table = Table(title="field accuracy on matched events")
        fields_table.add_column("field")
        fields_table.add_column("accuracy", justify="right")
        fields_table.add_column("n", justify="right")
        for name, row in scores["fields"].items():
            fields_table.add_row(name, str(row["accuracy"]), str(row["n"]))
        out.print(fields_table)
        if scores.get("location_km"):
            out.print(f"location error: {scores['location_km']}")
        labels = sorted({*scores["confusion"], *(p for row in scores["confusion"].values() for p in row)})
        matrix = Table(title="confusion (rows gold, columns predicted)")
        matrix.add_column("gold")
        for label in labels:
            matrix.add_column(label, justify="right")
        for gold_label in labels:
            row = scores["confusion"].get(gold_label, {})
            matrix.add_row(gold_label, *(str(row.get(p, "")) for p in labels))
        out.print(matrix)
    if "criteria" in data:
        table = Table(title=f"{gold}: {data['criteria']['passed']}/{data['criteria']['total']} criteria pass")
        for column in ("article", "kind", "criterion", "pass"):
            table.add_column(column)
        for row in data["criteria"]["results"]:
            table.add_row(row["article_id"], row["kind"], row["name"], "yes" if row["passed"] else "NO")
        out.print(table)
    for problem in result.errors:
        err.print(f"[red]error:[/red] {problem}")
    if report is not None:
        report.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


@app.command()
def bench(
    processes: str = typer.Option("1,2", "--processes", help="Worker counts to measure, comma-separated."),
    repeat: int = typer.Option(3, "--repeat", help="Times the fixed corpus is repeated."),
    report_path: Path | None = typer.Option(None, "--report", help="Write the JSON report here."),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Articles/s, sentences/s and peak memory, beside a bare spaCy parse of the same texts."""
    from rich.progress import Progress
    from rich.table import Table

    from polybius.bench import fixed_corpus, measure, prefilter_analysis, report

    corpus = fixed_corpus() * repeat
    plan = [("bare-parse", 1)] + [("polybius", int(n)) for n in processes.split(",") if n.strip()]
    runs = []
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("benchmarking", total=len(plan))
        for mode, count in plan:
            runs.append(measure(mode, corpus, count, model))
            progress.advance(task)
    data = report(runs)
    data["prefilter"] = prefilter_analysis(fixed_corpus())
    table = Table(title=f"{len(corpus)} articles")
    for column in ("mode", "processes", "articles/s", "sentences/s", "events", "peak RSS MiB"):
        table.add_column(column)
    for run in runs:
        table.add_row(run.mode, str(run.processes), f"{run.articles_per_s:.1f}", f"{run.sentences_per_s:.1f}", str(run.events), f"{run.peak_rss_mib:.0f}")
    out = Console(highlight=False)
    out.print(table)
    for key in ("ratio_polybius_over_bare_parse", "speedup_2_processes", "prefilter"):
        if key in data:
            out.print(f"{key}: {data[key]}")
    if report_path is not None:
        report_path.write_text(json.dumps(data, indent=2), encoding="utf-8")


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
    targets: list[str] = typer.Argument(..., help="Files, folders, JSONL batches, RSS/Atom feeds (file or URL), WARC archives."),
    db: Path = typer.Option(Path("polybius.sqlite"), "--db", help="The store (SQLite file, created if missing)."),
    processes: int = typer.Option(0, "--processes", "-p", help="Worker processes (0: one per core)."),
    follow: bool = typer.Option(False, "--follow", help="Keep polling the feed(s) for new entries."),
    interval: float = typer.Option(300.0, "--interval", help="Seconds between polls with --follow."),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Code articles into the store: idempotent, crash-safe, bad items recorded and skipped."""
    import itertools
    import os

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


@app.command()
def schema() -> None:
    """Print the JSON Schema of an event record."""
    typer.echo(json.dumps(Event.model_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the polybius version."""
    typer.echo(__version__)


if __name__ == "__main__":
    app()
