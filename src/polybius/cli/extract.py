"""`polybius extract`, `schema`, `version`: code files or stdin and print event records."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path

import typer

from polybius import __version__
from polybius.cli.app import ACTORS_HELP, AGENTS_HELP, VERBS_HELP, _date_option, _dictionaries, _pipeline, app, err
from polybius.ingest import IngestError, read_path
from polybius.ingest.readers import read_bytes, read_jsonl
from polybius.models import Article, Event
from polybius.output import EventWriter


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


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
    publisher: str | None = typer.Option(None, "--publisher", help="Name of the outlet that published the article."),
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name (default: $POLYBIUS_SPACY_MODEL, en_core_web_sm, its mirror)."),
    actors: list[Path] = typer.Option(None, "--actors", help=ACTORS_HELP),
    agents: list[Path] = typer.Option(None, "--agents", help=AGENTS_HELP),
    verbs: list[Path] = typer.Option(None, "--verbs", help=VERBS_HELP),
) -> None:
    """Print the events found in each article (one JSON object per line by default)."""
    pub_date = _date_option(date)
    pipeline = _pipeline(model, _dictionaries(actors, agents, verbs))
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of an event record."""
    typer.echo(json.dumps(Event.model_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the polybius version."""
    typer.echo(__version__)
